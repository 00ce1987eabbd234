/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-flow-library.h>

#include "gp-flow-fields.h"
#include "gp-scenario-private.h"

/* Reads a "guidepost-scenario/1" file (docs/scenario-format.md) with the flow loader's
 * field readers, so problems are reported the same way: JSON pointers, every problem in
 * one run, syntax errors at LINE:COL.  Then, given the flow, checks that every step,
 * failure and offer the scenario names is in it. */

static const char * const scenario_keys[] = {
  "format", "id", "version", "locale", "title", "summary", "flow", "persona", "script",
  "expected_practice", "time_limit_minutes", "hints_allowed", "replies", NULL
};
static const char * const flow_ref_keys[] = { "id", "version", NULL };
static const char * const persona_keys[] = {
  "name", "familiarity", "mood", "goal", "has_at_hand", "notes", NULL
};
static const char * const cue_keys[] = { "at", "inject", "say", NULL };
static const char * const at_keys[] = { "step", "after_seconds", NULL };
static const char * const practice_keys[] = {
  "id", "kind", "step", "offer", "failure", "points", "criterion", NULL
};

static const char * const replies_keys[] = { "try_again", "offers", "satisfaction", NULL };
static const char * const satisfaction_keys[] = { "score", "comment", NULL };
static const char * const answer_names[] = { "accepted", "declined", "later", NULL };

static const char * const familiarity_names[] = { "new", "familiar", NULL };
static const char * const mood_names[] = { "calm", "anxious", "angry", "confused", "in-a-hurry", NULL };
static const char * const practice_kind_names[] = {
  "offer-try-again", "explain-why", "make-offer", "escalate-when-limit",
  "pass-identity-check", "take-recovery", "record-satisfaction", NULL
};
/* Unit D4's assessment criteria and evidence requirements 4 and 5. */
static const char * const criterion_names[] = {
  "1.1", "1.2", "1.3", "1.4", "1.5",
  "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
  "3.1", "3.2", "3.3", "3.4", "3.5", "3.6", "3.7",
  "4a", "4b", "5a", "5b", NULL
};

#define MAX_POINTS 20

/* Which of step, offer and failure each kind of practice needs or refuses. */
enum { REF_STEP = 1 << 0, REF_OFFER = 1 << 1, REF_FAILURE = 1 << 2 };

static const struct
{
  guint required;
  guint refused;
} practice_rules[] = {
  [GP_PRACTICE_OFFER_TRY_AGAIN]     = { 0, REF_STEP | REF_OFFER | REF_FAILURE },
  [GP_PRACTICE_EXPLAIN_WHY]         = { REF_STEP, REF_OFFER | REF_FAILURE },
  [GP_PRACTICE_MAKE_OFFER]          = { REF_OFFER, REF_FAILURE },
  [GP_PRACTICE_ESCALATE_WHEN_LIMIT] = { REF_STEP | REF_FAILURE, REF_OFFER },
  [GP_PRACTICE_PASS_IDENTITY_CHECK] = { REF_STEP, REF_OFFER | REF_FAILURE },
  [GP_PRACTICE_TAKE_RECOVERY]       = { REF_STEP | REF_FAILURE, REF_OFFER },
  [GP_PRACTICE_RECORD_SATISFACTION] = { 0, REF_STEP | REF_OFFER | REF_FAILURE },
};
G_STATIC_ASSERT (G_N_ELEMENTS (practice_rules) == G_N_ELEMENTS (practice_kind_names) - 1);

static void
read_cue (GpFieldReader     *loader,
          const GpJsonValue *object,
          guint              index,
          gpointer           user_data)
{
  GpScenario *scenario = user_data;
  GpScenarioCue *cue = gp_scenario_cue_new_empty (index);
  const GpJsonValue *at;

  gp_fields_check_members (loader, object, cue_keys, &cue->extensions);
  at = gp_fields_get_object (loader, object, "at", TRUE,
                             "when to inject: {\"step\": STEP-ID} or {\"after_seconds\": N}");
  if (at != NULL)
    {
      gsize saved = gp_fields_push_key (loader, "at");
      gboolean has_step = gp_json_value_get_member (at, "step") != NULL;
      gboolean has_seconds = gp_json_value_get_member (at, "after_seconds") != NULL;

      gp_fields_check_members (loader, at, at_keys, &cue->at_extensions);
      if (!has_step && !has_seconds)
        gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_KEY, NULL,
                         "\"at\" needs \"step\" (inject on entering that step) or "
                         "\"after_seconds\" (inject that long after the start)");
      else if (has_step && has_seconds)
        gp_fields_error (loader, GP_DIAGNOSTIC_KEY_NOT_ALLOWED, "after_seconds",
                         "\"at\" takes either \"step\" or \"after_seconds\", not both");
      else if (has_step)
        cue->step_id = gp_fields_take_slug (loader, at, "step", TRUE, "the step at which to inject");
      else
        cue->after_seconds = gp_fields_take_positive_number (loader, at, "after_seconds");
      gp_fields_pop (loader, saved);
    }
  cue->failure_id = gp_fields_take_slug (loader, object, "inject", TRUE,
                                         "the id of a failure of that step in the flow");
  cue->say = gp_fields_take_text (loader, object, "say", FALSE, "what the scripted customer says");
  g_ptr_array_add (scenario->cues, cue);
}

static void
read_practice (GpFieldReader     *loader,
               const GpJsonValue *object,
               guint              index,
               gpointer           user_data)
{
  static const char * const ref_keys[] = { "step", "offer", "failure" };
  static const char * const ref_what[] = {
    "the step of the flow it is about", "the id of an offer in the flow",
    "the id of a failure of that step"
  };
  GpScenario *scenario = user_data;
  GpScenarioPractice *practice = gp_scenario_practice_new_empty (index);
  char **refs[] = { &practice->step_id, &practice->offer_id, &practice->failure_id };
  guint required = 0, refused = 0;
  int kind;

  gp_fields_check_members (loader, object, practice_keys, &practice->extensions);
  practice->id = gp_fields_take_slug (loader, object, "id", TRUE, "an id unique in this scenario");
  kind = gp_fields_take_enum (loader, object, "kind", TRUE, practice_kind_names);
  practice->kind = kind >= 0 ? (GpPracticeKind) kind : GP_PRACTICE_OFFER_TRY_AGAIN;
  if (kind >= 0)
    {
      required = practice_rules[kind].required;
      refused = practice_rules[kind].refused;
    }

  for (guint r = 0; r < G_N_ELEMENTS (ref_keys); r++)
    {
      if ((refused & (1u << r)) && gp_json_value_get_member (object, ref_keys[r]) != NULL)
        gp_fields_error (loader, GP_DIAGNOSTIC_KEY_NOT_ALLOWED, ref_keys[r],
                         "\"%s\" does not go with kind \"%s\"", ref_keys[r], practice_kind_names[kind]);
      else if (!(refused & (1u << r)))
        *refs[r] = gp_fields_take_slug (loader, object, ref_keys[r], (required & (1u << r)) != 0, ref_what[r]);
    }

  /* take_count() is silent when the key is absent, so ask for it first. */
  if (gp_fields_get_member (loader, object, "points", TRUE, "a whole number from 1 to 20") != NULL)
    {
      practice->points = gp_fields_take_count (loader, object, "points");
      if (practice->points > MAX_POINTS)
        {
          gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "points",
                           "\"points\" must be at most %u", MAX_POINTS);
          practice->points = 0;
        }
    }

  kind = gp_fields_take_enum (loader, object, "criterion", TRUE, criterion_names);
  practice->criterion = kind >= 0 ? g_strdup (criterion_names[kind]) : NULL;
  g_ptr_array_add (scenario->practices, practice);
}

#define MAX_SATISFACTION 5

/* "replies": every part optional; x- keys are extensions, also among the offers. */
static void
read_replies (GpFieldReader     *loader,
              GpScenario        *scenario,
              const GpJsonValue *replies)
{
  const GpJsonValue *node;
  gsize saved = gp_fields_push_key (loader, "replies");
  gboolean present, value;

  gp_fields_check_members (loader, replies, replies_keys, &scenario->replies_extensions);
  value = gp_fields_take_boolean (loader, replies, "try_again", &present);
  if (present)
    scenario->reply_try_again = value;

  node = gp_fields_get_object (loader, replies, "offers", FALSE, "{OFFER-ID: \"accepted\", \"declined\" or \"later\"}");
  if (node != NULL)
    {
      gsize offers_saved = gp_fields_push_key (loader, "offers");

      for (guint i = 0; i < node->length; i++)
        {
          const char *key = node->members[i].key;
          int answer;

          if (g_str_has_prefix (key, "x-"))
            continue;
          if (!gp_fields_is_slug (key))
            {
              gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, key,
                               "\"%s\" is not an offer id (lower-case words joined by hyphens)", key);
              continue;
            }
          answer = gp_fields_take_enum (loader, node, key, TRUE, answer_names);
          if (answer >= 0)
            g_hash_table_insert (scenario->reply_offers, g_strdup (key), GUINT_TO_POINTER ((guint) answer + 1));
        }
      gp_fields_pop (loader, offers_saved);
    }

  node = gp_fields_get_object (loader, replies, "satisfaction", FALSE, "{\"score\": 1 to 5, \"comment\": TEXT}");
  if (node != NULL)
    {
      gsize satisfaction_saved = gp_fields_push_key (loader, "satisfaction");

      gp_fields_check_members (loader, node, satisfaction_keys, &scenario->satisfaction_extensions);
      /* take_count() is silent when the key is absent, so ask for it first. */
      if (gp_fields_get_member (loader, node, "score", TRUE, "a whole number from 1 to 5") != NULL)
        {
          scenario->reply_score = gp_fields_take_count (loader, node, "score");
          if (scenario->reply_score > MAX_SATISFACTION)
            {
              gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "score", "\"score\" must be at most %u", MAX_SATISFACTION);
              scenario->reply_score = 0;
            }
        }
      scenario->reply_comment = gp_fields_take_text (loader, node, "comment", FALSE, "what the customer adds");
      gp_fields_pop (loader, satisfaction_saved);
    }
  gp_fields_pop (loader, saved);
}

static void
read_scenario (GpFieldReader     *loader,
               GpScenario        *scenario,
               const GpJsonValue *root)
{
  const GpJsonValue *object = root;
  const GpJsonValue *node;
  gboolean present;
  int value;

  if (!gp_fields_check_root (loader, root, "scenario", scenario_keys, &scenario->extensions))
    return;

  scenario->format = gp_fields_take_format (loader, object, GP_SCENARIO_FORMAT);
  scenario->id = gp_fields_take_slug (loader, object, "id", TRUE, "a stable id such as \"locked-out-code-missing\"");
  scenario->version = gp_fields_take_version (loader, object, "MAJOR.MINOR.PATCH", "1.2.0");
  scenario->locale = gp_fields_take_locale (loader, object);
  scenario->title = gp_fields_take_text (loader, object, "title", TRUE, "the scenario's name for trainers");
  scenario->summary = gp_fields_take_text (loader, object, "summary", TRUE, "one or two sentences");

  node = gp_fields_get_object (loader, object, "flow", TRUE, "the flow it is played on: {id, version}");
  if (node != NULL)
    {
      gsize saved = gp_fields_push_key (loader, "flow");

      gp_fields_check_members (loader, node, flow_ref_keys, &scenario->flow_extensions);
      scenario->flow_id = gp_fields_take_slug (loader, node, "id", TRUE, "the flow's id");
      scenario->flow_version = gp_fields_take_version (loader, node, "the flow's MAJOR.MINOR.PATCH", "1.0.0");
      /* A malformed version names no flow: checking references against one would mislead. */
      if (scenario->flow_version != NULL && !gp_fields_is_version (scenario->flow_version))
        g_clear_pointer (&scenario->flow_version, g_free);
      gp_fields_pop (loader, saved);
    }

  node = gp_fields_get_object (loader, object, "persona", TRUE, "the customer the trainee talks to");
  if (node != NULL)
    {
      gsize saved = gp_fields_push_key (loader, "persona");

      gp_fields_check_members (loader, node, persona_keys, &scenario->persona_extensions);
      scenario->persona_name = gp_fields_take_text (loader, node, "name", FALSE, "what to call the customer");
      value = gp_fields_take_enum (loader, node, "familiarity", TRUE, familiarity_names);
      scenario->persona_familiarity = value >= 0 ? (GpFamiliarity) value : GP_FAMILIARITY_NEW;
      value = gp_fields_take_enum (loader, node, "mood", TRUE, mood_names);
      scenario->persona_mood = value >= 0 ? (GpMood) value : GP_MOOD_CALM;
      scenario->persona_goal = gp_fields_take_text (loader, node, "goal", TRUE, "what the customer wants, in their words");
      scenario->persona_has_at_hand = gp_fields_take_text_array (loader, node, "has_at_hand", TRUE, FALSE,
                                                                 "what the customer has by them", NULL);
      scenario->persona_notes = gp_fields_take_text (loader, node, "notes", FALSE, "more about the customer, for the trainer");
      gp_fields_pop (loader, saved);
    }

  node = gp_fields_get_array (loader, object, "script", TRUE, "the failures to inject, and when");
  if (node != NULL)
    gp_fields_read_object_array (loader, node, "script", "a cue", read_cue, scenario);

  node = gp_fields_get_array (loader, object, "expected_practice", TRUE, "what the trainee is scored on");
  if (node != NULL)
    {
      if (node->length == 0)
        gp_fields_error (loader, GP_DIAGNOSTIC_BAD_VALUE, "expected_practice",
                         "\"expected_practice\" must list at least one item: what is the trainee scored on?");
      gp_fields_read_object_array (loader, node, "expected_practice", "an expected practice",
                                   read_practice, scenario);
    }

  scenario->time_limit_minutes = gp_fields_take_positive_number (loader, object, "time_limit_minutes");
  scenario->hints_allowed = gp_fields_take_boolean (loader, object, "hints_allowed", &present);
  if (!present)
    scenario->hints_allowed = TRUE;

  node = gp_fields_get_object (loader, object, "replies", FALSE, "what the scripted customer answers");
  if (node != NULL)
    read_replies (loader, scenario, node);
}

/* Reports at /KEY/INDEX/FIELD, e.g. #/script/2/inject; FIELD may be a path ("at/step"). */
G_GNUC_PRINTF (5, 6) static void
report_at (GpFieldReader *loader,
           const char    *key,
           guint          index,
           const char    *field,
           const char    *format,
           ...)
{
  g_autofree char *message = NULL;
  g_auto(GStrv) segments = g_strsplit (field, "/", -1);
  gsize saved = gp_fields_push_key (loader, key);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  gp_fields_push_index (loader, index);
  for (guint i = 0; segments[i + 1] != NULL; i++)
    gp_fields_push_key (loader, segments[i]);
  gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_REFERENCE, segments[g_strv_length (segments) - 1], "%s", message);
  gp_fields_pop (loader, saved);
}

static char *
list_failures (GpStep *step)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; i < gp_step_get_n_failures (step); i++)
    g_string_append_printf (list, "%s\"%s\"", i > 0 ? ", " : "",
                            gp_failure_get_id (gp_step_get_failure (step, i)));
  return list->len > 0 ? g_strdup_printf ("its failures are %s", list->str)
                       : g_strdup ("it has no failures");
}

static gboolean
flow_has_failure (GpFlow     *flow,
                  const char *failure_id)
{
  for (guint i = 0; i < gp_flow_get_n_steps (flow); i++)
    if (gp_step_lookup_failure (gp_flow_get_step (flow, i), failure_id) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
flow_has_offer (GpFlow     *flow,
                const char *offer_id)
{
  for (guint i = 0; i < gp_flow_get_n_steps (flow); i++)
    if (gp_step_lookup_offer (gp_flow_get_step (flow, i), offer_id) != NULL)
      return TRUE;
  return FALSE;
}

/* A step or failure reference; returns the step when it exists. */
static GpStep *
check_step_and_failure (GpFieldReader *loader,
                        GpFlow        *flow,
                        const char    *key,
                        guint          index,
                        const char    *step_field,
                        const char    *step_id,
                        const char    *failure_field,
                        const char    *failure_id)
{
  GpStep *step = NULL;

  if (step_id != NULL && (step = gp_flow_lookup_step (flow, step_id)) == NULL)
    report_at (loader, key, index, step_field, "flow \"%s\" has no step \"%s\"",
               gp_flow_get_id (flow), step_id);

  if (failure_id == NULL)
    return step;
  if (step != NULL && gp_step_lookup_failure (step, failure_id) == NULL)
    {
      g_autofree char *list = list_failures (step);

      report_at (loader, key, index, failure_field, "step \"%s\" has no failure \"%s\": %s",
                 step_id, failure_id, list);
    }
  else if (step_id == NULL && !flow_has_failure (flow, failure_id))
    report_at (loader, key, index, failure_field, "no step of flow \"%s\" has a failure \"%s\"",
               gp_flow_get_id (flow), failure_id);
  return step;
}

static void
check_references (GpFieldReader *loader,
                  GpScenario    *scenario,
                  GpFlow        *flow)
{
  for (guint i = 0; i < scenario->cues->len; i++)
    {
      GpScenarioCue *cue = g_ptr_array_index (scenario->cues, i);

      check_step_and_failure (loader, flow, "script", i, "at/step", cue->step_id, "inject", cue->failure_id);
    }

  for (guint i = 0; i < scenario->practices->len; i++)
    {
      GpScenarioPractice *practice = g_ptr_array_index (scenario->practices, i);
      GpStep *step = check_step_and_failure (loader, flow, "expected_practice", i, "step", practice->step_id,
                                             "failure", practice->failure_id);

      if (step != NULL && practice->kind == GP_PRACTICE_PASS_IDENTITY_CHECK &&
          gp_step_get_kind (step) != GP_STEP_KIND_IDENTITY_CHECK)
        report_at (loader, "expected_practice", i, "step",
                   "\"pass-identity-check\" needs an identity-check step; \"%s\" is a %s step",
                   practice->step_id, gp_step_kind_to_string (gp_step_get_kind (step)));

      if (practice->offer_id == NULL)
        continue;
      if (step != NULL && gp_step_lookup_offer (step, practice->offer_id) == NULL)
        report_at (loader, "expected_practice", i, "offer", "step \"%s\" has no offer \"%s\"",
                   practice->step_id, practice->offer_id);
      else if (practice->step_id == NULL && !flow_has_offer (flow, practice->offer_id))
        report_at (loader, "expected_practice", i, "offer", "flow \"%s\" has no offer \"%s\"",
                   gp_flow_get_id (flow), practice->offer_id);
    }
}

/* Offers the replies answer must be offers of the flow. */
static void
check_reply_offers (GpFieldReader *loader,
                    GpScenario    *scenario,
                    GpFlow        *flow)
{
  /* Sorted, so that several problems come out in the same order every time. */
  g_autoptr(GList) ids = g_list_sort (g_hash_table_get_keys (scenario->reply_offers), (GCompareFunc) g_strcmp0);

  for (GList *l = ids; l != NULL; l = l->next)
    {
      const char *id = l->data;
      gsize saved;

      if (flow_has_offer (flow, id))
        continue;
      saved = gp_fields_push_key (loader, "replies");
      gp_fields_push_key (loader, "offers");
      gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_REFERENCE, id,
                       "flow \"%s\" has no offer \"%s\"", gp_flow_get_id (flow), id);
      gp_fields_pop (loader, saved);
    }
}

/* Ids unique among the expected practice: scores and evidence name them. */
static void
check_practice_ids (GpFieldReader *loader,
                    GpScenario    *scenario)
{
  for (guint i = 0; i < scenario->practices->len; i++)
    {
      GpScenarioPractice *practice = g_ptr_array_index (scenario->practices, i);

      if (practice->id == NULL)
        continue;
      for (guint j = 0; j < i; j++)
        if (g_strcmp0 (((GpScenarioPractice *) g_ptr_array_index (scenario->practices, j))->id, practice->id) == 0)
          {
            gsize saved = gp_fields_push_key (loader, "expected_practice");

            gp_fields_push_index (loader, i);
            gp_fields_error (loader, GP_DIAGNOSTIC_DUPLICATE_ID, "id",
                             "expected practice \"%s\" is already listed (item %u)", practice->id, j);
            gp_fields_pop (loader, saved);
            break;
          }
    }
}

/* The flow to check against: @flow, or the scenario's flow in @library; reports when it
 * is not there or is another version.  Returns: (transfer none) (nullable) */
static GpFlow *
resolve_flow (GpFieldReader *loader,
              GpScenario    *scenario,
              GpFlowLibrary *library,
              GpFlow        *flow)
{
  gsize saved;

  if (scenario->flow_id == NULL || (flow == NULL && library == NULL))
    return NULL;

  saved = gp_fields_push_key (loader, "flow");
  if (flow == NULL)
    flow = gp_flow_library_lookup (library, scenario->flow_id);
  if (flow == NULL)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_REFERENCE, "id",
                       "flow \"%s\" is not available: it is neither bundled with Guidepost nor in "
                       "the flow folder (~/.local/share/guidepost/flows)", scenario->flow_id);
      flow = NULL;
    }
  else if (g_strcmp0 (gp_flow_get_id (flow), scenario->flow_id) != 0)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_REFERENCE, "id",
                       "the scenario is for flow \"%s\", not \"%s\"", scenario->flow_id, gp_flow_get_id (flow));
      flow = NULL;
    }
  else if (scenario->flow_version != NULL &&
           g_strcmp0 (gp_flow_get_version (flow), scenario->flow_version) != 0)
    {
      gp_fields_error (loader, GP_DIAGNOSTIC_MISSING_REFERENCE, "version",
                       "flow \"%s\" is at version %s, not %s: check the scenario against it and "
                       "update \"version\"", scenario->flow_id, gp_flow_get_version (flow),
                       scenario->flow_version);
      flow = NULL;
    }
  gp_fields_pop (loader, saved);
  return flow;
}

GpScenario *
gp_scenario_load_bytes (GBytes         *bytes,
                        const char     *file_name,
                        GpFlowLibrary  *library,
                        GpFlow         *flow,
                        GPtrArray      *diagnostics,
                        GError        **error)
{
  g_auto(GpFieldReader) loader = { 0 };
  g_autoptr(GpJsonDoc) doc = NULL;
  g_autoptr(GpScenario) scenario = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (library == NULL || GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (flow == NULL || GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  doc = gp_fields_reader_start (&loader, bytes, file_name, diagnostics, error);
  if (doc == NULL)
    return NULL;

  scenario = gp_scenario_new_empty ();
  scenario->origin = g_strdup (file_name);
  read_scenario (&loader, scenario, gp_json_doc_get_root (doc));
  check_practice_ids (&loader, scenario);
  flow = resolve_flow (&loader, scenario, library, flow);
  if (flow != NULL)
    {
      check_references (&loader, scenario, flow);
      check_reply_offers (&loader, scenario, flow);
    }

  if (gp_fields_reader_finish (&loader, error))
    return NULL;
  return g_steal_pointer (&scenario);
}

GpScenario *
gp_scenario_load_file (GFile          *file,
                       const char     *display_name,
                       GpFlowLibrary  *library,
                       GpFlow         *flow,
                       GCancellable   *cancellable,
                       GPtrArray      *diagnostics,
                       GError        **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = gp_fields_file_name (file, display_name);
  bytes = gp_fields_read_file (file, name, cancellable, diagnostics, error);
  if (bytes == NULL)
    return NULL;
  return gp_scenario_load_bytes (bytes, name, library, flow, diagnostics, error);
}

gboolean
gp_scenario_sniff (GBytes *bytes)
{
  g_autoptr(GpJsonDoc) doc = NULL;
  const GpJsonValue *root, *format;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  if (length > GP_FLOW_MAX_BYTES)
    return FALSE;
  doc = gp_json_doc_parse (data, length, GP_FLOW_MAX_DEPTH, NULL, NULL, NULL);
  if (doc == NULL)
    return FALSE;
  root = gp_json_doc_get_root (doc);
  if (root->type != GP_JSON_VALUE_OBJECT)
    return FALSE;
  format = gp_json_value_get_member (root, "format");
  return format != NULL && format->type == GP_JSON_VALUE_STRING &&
         g_str_has_prefix (format->string, "guidepost-scenario/");
}

GpScenario *
gp_scenario_load_bundled (const char  *id,
                          GpFlow      *flow,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (GP_IS_FLOW (flow), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Bundled scenario files are named after their id. */
  path = g_strconcat (GP_BUNDLED_SCENARIOS_PATH, id, ".json", NULL);
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "no scenario “%s” is bundled with Guidepost", id);
      return NULL;
    }
  return gp_scenario_load_bytes (bytes, path, NULL, flow, NULL, error);
}
