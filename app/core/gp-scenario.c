/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-scenario-private.h"

/* The model of a scenario file: the scenario and its two small record types, the script's
 * cues and the expected practice.  The loader is gp-scenario-loader.c. */

const char *
gp_mood_to_string (GpMood mood)
{
  static const char * const names[] = { "calm", "anxious", "angry", "confused", "in-a-hurry" };

  g_return_val_if_fail ((guint) mood < G_N_ELEMENTS (names), NULL);
  return names[mood];
}

const char *
gp_practice_kind_to_string (GpPracticeKind kind)
{
  static const char * const names[] = {
    "offer-try-again", "explain-why", "make-offer", "escalate-when-limit",
    "pass-identity-check", "take-recovery", "record-satisfaction"
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

/* GpScenarioCue */

G_DEFINE_FINAL_TYPE (GpScenarioCue, gp_scenario_cue, G_TYPE_OBJECT)

static void
gp_scenario_cue_finalize (GObject *object)
{
  GpScenarioCue *self = GP_SCENARIO_CUE (object);

  g_free (self->step_id);
  g_free (self->failure_id);
  g_free (self->say);
  g_clear_pointer (&self->extensions, json_object_unref);
  g_clear_pointer (&self->at_extensions, json_object_unref);

  G_OBJECT_CLASS (gp_scenario_cue_parent_class)->finalize (object);
}

static void
gp_scenario_cue_class_init (GpScenarioCueClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_scenario_cue_finalize;
}

static void
gp_scenario_cue_init (GpScenarioCue *self)
{
  self->after_seconds = -1;
}

GpScenarioCue *
gp_scenario_cue_new_empty (guint index)
{
  GpScenarioCue *self = g_object_new (GP_TYPE_SCENARIO_CUE, NULL);

  self->index = index;
  return self;
}

guint
gp_scenario_cue_get_index (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), 0);
  return self->index;
}

const char *
gp_scenario_cue_get_step_id (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), NULL);
  return self->step_id;
}

double
gp_scenario_cue_get_after_seconds (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), -1);
  return self->after_seconds;
}

const char *
gp_scenario_cue_get_failure_id (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), NULL);
  return self->failure_id;
}

const char *
gp_scenario_cue_get_say (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), NULL);
  return self->say;
}

JsonObject *
gp_scenario_cue_get_extensions (GpScenarioCue *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CUE (self), NULL);
  return self->extensions;
}

/* GpScenarioPractice */

G_DEFINE_FINAL_TYPE (GpScenarioPractice, gp_scenario_practice, G_TYPE_OBJECT)

static void
gp_scenario_practice_finalize (GObject *object)
{
  GpScenarioPractice *self = GP_SCENARIO_PRACTICE (object);

  g_free (self->id);
  g_free (self->step_id);
  g_free (self->offer_id);
  g_free (self->failure_id);
  g_free (self->criterion);
  g_clear_pointer (&self->extensions, json_object_unref);

  G_OBJECT_CLASS (gp_scenario_practice_parent_class)->finalize (object);
}

static void
gp_scenario_practice_class_init (GpScenarioPracticeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_scenario_practice_finalize;
}

static void
gp_scenario_practice_init (GpScenarioPractice *self)
{
}

GpScenarioPractice *
gp_scenario_practice_new_empty (guint index)
{
  GpScenarioPractice *self = g_object_new (GP_TYPE_SCENARIO_PRACTICE, NULL);

  self->index = index;
  return self;
}

guint
gp_scenario_practice_get_index (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), 0);
  return self->index;
}

const char *
gp_scenario_practice_get_id (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->id;
}

GpPracticeKind
gp_scenario_practice_get_kind (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), 0);
  return self->kind;
}

const char *
gp_scenario_practice_get_step_id (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->step_id;
}

const char *
gp_scenario_practice_get_offer_id (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->offer_id;
}

const char *
gp_scenario_practice_get_failure_id (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->failure_id;
}

guint
gp_scenario_practice_get_points (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), 0);
  return self->points;
}

const char *
gp_scenario_practice_get_criterion (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->criterion;
}

JsonObject *
gp_scenario_practice_get_extensions (GpScenarioPractice *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_PRACTICE (self), NULL);
  return self->extensions;
}

/* GpScenario */

G_DEFINE_FINAL_TYPE (GpScenario, gp_scenario, G_TYPE_OBJECT)

static void
gp_scenario_finalize (GObject *object)
{
  GpScenario *self = GP_SCENARIO (object);

  g_free (self->format);
  g_free (self->id);
  g_free (self->version);
  g_free (self->locale);
  g_free (self->title);
  g_free (self->summary);
  g_free (self->flow_id);
  g_free (self->flow_version);
  g_free (self->persona_name);
  g_free (self->persona_goal);
  g_strfreev (self->persona_has_at_hand);
  g_free (self->persona_notes);
  g_clear_pointer (&self->cues, g_ptr_array_unref);
  g_clear_pointer (&self->practices, g_ptr_array_unref);
  g_free (self->origin);
  g_clear_pointer (&self->extensions, json_object_unref);
  g_clear_pointer (&self->flow_extensions, json_object_unref);
  g_clear_pointer (&self->persona_extensions, json_object_unref);
  g_clear_pointer (&self->reply_offers, g_hash_table_unref);
  g_free (self->reply_comment);
  g_clear_pointer (&self->replies_extensions, json_object_unref);
  g_clear_pointer (&self->satisfaction_extensions, json_object_unref);

  G_OBJECT_CLASS (gp_scenario_parent_class)->finalize (object);
}

static void
gp_scenario_class_init (GpScenarioClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gp_scenario_finalize;
}

static void
gp_scenario_init (GpScenario *self)
{
  self->cues = g_ptr_array_new_with_free_func (g_object_unref);
  self->practices = g_ptr_array_new_with_free_func (g_object_unref);
  self->time_limit_minutes = -1;
  self->hints_allowed = TRUE;
  self->reply_try_again = -1;
  self->reply_offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GpScenario *
gp_scenario_new_empty (void)
{
  return g_object_new (GP_TYPE_SCENARIO, NULL);
}

#define GETTER(type, name, field, fallback)           \
  type                                                \
  gp_scenario_get_##name (GpScenario *self)           \
  {                                                   \
    g_return_val_if_fail (GP_IS_SCENARIO (self), fallback); \
    return self->field;                               \
  }

GETTER (const char *, id, id, NULL)
GETTER (const char *, version, version, NULL)
GETTER (const char *, locale, locale, NULL)
GETTER (const char *, title, title, NULL)
GETTER (const char *, summary, summary, NULL)
GETTER (const char *, flow_id, flow_id, NULL)
GETTER (const char *, flow_version, flow_version, NULL)
GETTER (const char *, persona_name, persona_name, NULL)
GETTER (GpFamiliarity, persona_familiarity, persona_familiarity, GP_FAMILIARITY_NEW)
GETTER (GpMood, persona_mood, persona_mood, GP_MOOD_CALM)
GETTER (const char *, persona_goal, persona_goal, NULL)
GETTER (const char *, persona_notes, persona_notes, NULL)
GETTER (double, time_limit_minutes, time_limit_minutes, -1)
GETTER (gboolean, hints_allowed, hints_allowed, TRUE)
GETTER (const char *, origin, origin, NULL)
GETTER (JsonObject *, extensions, extensions, NULL)

#undef GETTER

const char * const *
gp_scenario_get_persona_has_at_hand (GpScenario *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (GP_IS_SCENARIO (self), none);
  return self->persona_has_at_hand != NULL ? (const char * const *) self->persona_has_at_hand : none;
}

guint
gp_scenario_get_n_cues (GpScenario *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), 0);
  return self->cues->len;
}

/* Returns: (transfer none) */
GpScenarioCue *
gp_scenario_get_cue (GpScenario *self,
                     guint       index)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->cues->len, NULL);
  return g_ptr_array_index (self->cues, index);
}

guint
gp_scenario_get_n_practices (GpScenario *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), 0);
  return self->practices->len;
}

/* Returns: (transfer none) */
GpScenarioPractice *
gp_scenario_get_practice (GpScenario *self,
                          guint       index)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (index < self->practices->len, NULL);
  return g_ptr_array_index (self->practices, index);
}

/* Returns: (transfer none) (nullable) */
GpScenarioPractice *
gp_scenario_lookup_practice (GpScenario *self,
                             const char *id)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->practices->len; i++)
    {
      GpScenarioPractice *practice = g_ptr_array_index (self->practices, i);

      if (g_strcmp0 (practice->id, id) == 0)
        return practice;
    }
  return NULL;
}

guint
gp_scenario_get_total_points (GpScenario *self)
{
  guint total = 0;

  g_return_val_if_fail (GP_IS_SCENARIO (self), 0);

  for (guint i = 0; i < self->practices->len; i++)
    total += ((GpScenarioPractice *) g_ptr_array_index (self->practices, i))->points;
  return total;
}

/* The scripted customer's replies: the file's "replies", else the defaults of
 * docs/scenario-format.md ("Playing a scenario"). */
gboolean
gp_scenario_get_reply_try_again (GpScenario *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO (self), FALSE);

  if (self->reply_try_again >= 0)
    return self->reply_try_again;
  /* A customer who knows the service has a go; a new one would rather be shown. */
  return self->persona_familiarity == GP_FAMILIARITY_FAMILIAR;
}

GpOfferAnswer
gp_scenario_get_reply_offer (GpScenario *self,
                             const char *offer_id)
{
  gpointer value;

  g_return_val_if_fail (GP_IS_SCENARIO (self), GP_OFFER_ANSWER_ACCEPTED);
  g_return_val_if_fail (offer_id != NULL, GP_OFFER_ANSWER_ACCEPTED);

  value = g_hash_table_lookup (self->reply_offers, offer_id);
  return value != NULL ? (GpOfferAnswer) (GPOINTER_TO_UINT (value) - 1) : GP_OFFER_ANSWER_ACCEPTED;
}

guint
gp_scenario_get_reply_satisfaction (GpScenario  *self,
                                    const char **comment)
{
  /* By mood at the start of the call: calm, anxious, angry, confused, in-a-hurry. */
  static const guint by_mood[] = { 5, 4, 3, 4, 4 };

  g_return_val_if_fail (GP_IS_SCENARIO (self), 0);

  if (comment != NULL)
    *comment = self->reply_comment;
  if (self->reply_score > 0)
    return self->reply_score;
  return by_mood[MIN ((guint) self->persona_mood, G_N_ELEMENTS (by_mood) - 1)];
}
