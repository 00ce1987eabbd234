/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include <guidepost/gp-choice.h>

#include "gp-session-private.h"

/* Questions asked of a session's derived state. */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
describe_table (GString    *text,
                const char *name,
                GHashTable *table,
                gboolean    boxed_int64)
{
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (table, NULL);
  guint n = g_hash_table_size (table);

  qsort (keys, n, sizeof (gpointer), compare_strings);
  g_string_append_printf (text, "%s:", name);
  for (guint i = 0; i < n; i++)
    {
      gpointer value = g_hash_table_lookup (table, keys[i]);

      if (boxed_int64)
        g_string_append_printf (text, " %s=%" G_GINT64_FORMAT, (char *) keys[i], *(gint64 *) value);
      else
        g_string_append_printf (text, " %s=%d", (char *) keys[i], GPOINTER_TO_INT (value));
    }
  g_string_append_c (text, '\n');
}

char *
gp_session_describe_state (GpSession *self)
{
  GString *text;
  guint n_checks;

  g_return_val_if_fail (GP_IS_SESSION (self), NULL);

  text = g_string_new (NULL);
  g_string_append_printf (text, "session: %s flow=%s mode=%s familiarity=%s\n", self->id,
                          gp_flow_get_id (self->flow), gp_session_mode_to_string (self->mode),
                          gp_familiarity_to_string (self->familiarity));
  g_string_append_printf (text, "intake: goal=%s problem=%s\n",
                          self->goal ? self->goal : "", self->agreed_problem ? self->agreed_problem : "");
  g_string_append_printf (text, "events: %u\n", self->events->len);
  g_string_append_printf (text, "current: %s\n", self->current ? gp_step_get_id (self->current) : "-");
  g_string_append (text, "history:");
  for (guint i = 0; i < self->history->len; i++)
    g_string_append_printf (text, " %s", (char *) g_ptr_array_index (self->history, i));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "driver: %s\n", gp_actor_to_string (self->driver));
  g_string_append_printf (text, "try-again: %d progressed: %d\n", self->try_again, self->progressed);
  describe_table (text, "hints", self->hints_used, FALSE);
  describe_table (text, "failures", self->failure_counts, FALSE);
  describe_table (text, "retries", self->retries, FALSE);
  describe_table (text, "offers", self->offers, FALSE);
  describe_table (text, "time", self->time_on_step, TRUE);
  g_string_append (text, "limits-reached:");
  {
    g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->limits_reached, NULL);
    guint n = g_hash_table_size (self->limits_reached);

    qsort (keys, n, sizeof (gpointer), compare_strings);
    for (guint i = 0; i < n; i++)
      g_string_append_printf (text, " %s", (char *) keys[i]);
  }
  g_string_append_c (text, '\n');
  n_checks = self->current != NULL && gp_step_get_checks (self->current) != NULL
             ? g_strv_length ((char **) gp_step_get_checks (self->current)) : 0;
  g_string_append (text, "checks-passed:");
  for (guint c = 1; c <= n_checks; c++)
    if (g_hash_table_contains (self->checks_passed, GUINT_TO_POINTER (c)))
      g_string_append_printf (text, " %u", c);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, "open-failure: %s\n", self->open_failure ? self->open_failure : "-");
  g_string_append_printf (text, "injected-failure: %s\n", self->injected_failure ? self->injected_failure : "-");
  g_string_append_printf (text, "pending: %s %s %s\n", self->pending_enter ? self->pending_enter : "-",
                          self->pending_via ? self->pending_via : "-",
                          self->pending_limit ? self->pending_limit : "-");
  g_string_append_printf (text, "seen: failure=%d complaint=%d notes=%u complaints=%u\n",
                          self->failure_seen, self->complaint_seen, self->n_notes, self->n_complaints);
  g_string_append_printf (text, "escalated: %d to=%s\n", self->escalated, self->escalated_to ? self->escalated_to : "-");
  g_string_append_printf (text, "proposed: %d to=%s priority=%s reason=%s\n", self->proposed,
                          self->proposed_to ? self->proposed_to : "-",
                          gp_priority_to_string (self->proposed_priority),
                          self->proposed_reason ? self->proposed_reason : "-");
  g_string_append_printf (text, "satisfaction: %d %u\n", self->satisfaction_recorded, self->satisfaction);
  g_string_append_printf (text, "left: %u steps, %.1f s\n", gp_session_get_steps_left (self),
                          gp_session_get_seconds_left (self));
  g_string_append_printf (text, "training: scenario=%s run=%s hints=%d trainee=%s\n",
                          self->scenario_id ? self->scenario_id : "-",
                          gp_scenario_run_to_string (self->scenario_run), self->hints_allowed,
                          self->driving_trainee ? self->driving_trainee : "-");
  g_string_append_printf (text, "ended: %d outcome=%s\n", self->ended, gp_outcome_to_string (self->outcome));
  if (g_hash_table_size (self->handoff_codes) > 0)
    {
      g_autofree gpointer *codes = g_hash_table_get_keys_as_array (self->handoff_codes, NULL);
      guint n = g_hash_table_size (self->handoff_codes);

      qsort (codes, n, sizeof (gpointer), compare_strings);
      g_string_append_printf (text, "handoff: handed-off=%d codes:", self->handed_off);
      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, " %s", (char *) codes[i]);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

GpFailure *
gp_session_get_injected_failure (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);

  if (self->injected_failure == NULL || self->current == NULL)
    return NULL;
  return gp_step_lookup_failure (self->current, self->injected_failure);
}

static void
walk_likeliest_path (GpSession *self,
                     guint     *steps,
                     double    *seconds)
{
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  GpStep *step = self->ended ? NULL : self->current;

  *steps = 0;
  *seconds = 0;
  while (step != NULL && !g_hash_table_contains (visited, step))
    {
      const char *next_id = NULL;

      g_hash_table_add (visited, step);
      if (gp_step_get_kind (step) == GP_STEP_KIND_END)
        break;
      *steps += 1;
      *seconds += MAX (gp_step_get_estimated_seconds (step), 0);
      if (gp_step_get_kind (step) == GP_STEP_KIND_QUESTION)
        {
          /* The first answer, unless it loops back along this path. */
          for (guint i = 0; i < gp_step_get_n_choices (step) && next_id == NULL; i++)
            {
              const char *candidate = gp_choice_get_next_id (gp_step_get_choice (step, i));
              GpStep *target = gp_flow_lookup_step (self->flow, candidate);

              if (target != NULL && !g_hash_table_contains (visited, target))
                next_id = candidate;
            }
        }
      else
        next_id = gp_step_get_next_id (step);
      step = next_id != NULL ? gp_flow_lookup_step (self->flow, next_id) : NULL;
    }
}

guint
gp_session_get_steps_left (GpSession *self)
{
  guint steps;
  double seconds;

  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  walk_likeliest_path (self, &steps, &seconds);
  return steps;
}

double
gp_session_get_seconds_left (GpSession *self)
{
  guint steps;
  double seconds;

  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  walk_likeliest_path (self, &steps, &seconds);
  return seconds;
}

const char *
gp_session_get_id (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->id;
}

GpFlow *
gp_session_get_flow (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->flow;
}

GpSessionMode
gp_session_get_mode (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  return self->mode;
}

GpFamiliarity
gp_session_get_familiarity (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  return self->familiarity;
}

GpStep *
gp_session_get_current_step (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->current;
}

GpActor
gp_session_get_driver (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), GP_ACTOR_CUSTOMER);
  return self->driver;
}

gboolean
gp_session_get_ended (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  return self->ended;
}

GpOutcome
gp_session_get_outcome (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), GP_OUTCOME_NONE);
  return self->outcome;
}

guint
gp_session_get_n_events (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  return self->events->len;
}

guint
gp_session_get_n_unsaved_events (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  return self->sink != NULL ? self->events->len - self->n_saved : 0;
}

GListModel *
gp_session_get_events (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return G_LIST_MODEL (self->event_store);
}

GPtrArray *
gp_session_get_history (GpSession *self)
{
  g_return_val_if_fail (GP_IS_SESSION (self), NULL);
  return self->history;
}

guint
gp_session_get_hints_used (GpSession  *self,
                           const char *step_id)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  g_return_val_if_fail (step_id != NULL, 0);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hints_used, step_id));
}

static guint
count_for (GHashTable *table,
           const char *step_id,
           const char *id)
{
  g_autofree char *key = g_strconcat (step_id, "/", id, NULL);

  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

guint
gp_session_get_retries (GpSession  *self,
                        const char *step_id,
                        const char *failure_id)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  g_return_val_if_fail (step_id != NULL && failure_id != NULL, 0);
  return count_for (self->retries, step_id, failure_id);
}

guint
gp_session_get_failure_count (GpSession  *self,
                              const char *step_id,
                              const char *failure_id)
{
  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  g_return_val_if_fail (step_id != NULL && failure_id != NULL, 0);
  return count_for (self->failure_counts, step_id, failure_id);
}

gboolean
gp_session_get_offer_state (GpSession     *self,
                            const char    *step_id,
                            const char    *offer_id,
                            gboolean      *answered,
                            GpOfferAnswer *answer)
{
  g_autofree char *key = NULL;
  gpointer value;

  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);
  g_return_val_if_fail (step_id != NULL && offer_id != NULL, FALSE);

  key = g_strconcat (step_id, "/", offer_id, NULL);
  if (answered != NULL)
    *answered = FALSE;
  if (!g_hash_table_lookup_extended (self->offers, key, NULL, &value))
    return FALSE;
  if (GPOINTER_TO_INT (value) >= 0)
    {
      if (answered != NULL)
        *answered = TRUE;
      if (answer != NULL)
        *answer = (GpOfferAnswer) GPOINTER_TO_INT (value);
    }
  return TRUE;
}

gint64
gp_session_get_time_on_step (GpSession  *self,
                             const char *step_id)
{
  gint64 *spent;

  g_return_val_if_fail (GP_IS_SESSION (self), 0);
  g_return_val_if_fail (step_id != NULL, 0);

  spent = g_hash_table_lookup (self->time_on_step, step_id);
  return spent != NULL ? *spent : 0;
}

gboolean
gp_session_get_proposed_escalation (GpSession   *self,
                                    const char **to,
                                    GpPriority  *priority,
                                    const char **reason)
{
  g_return_val_if_fail (GP_IS_SESSION (self), FALSE);

  if (!self->proposed)
    return FALSE;
  if (to != NULL)
    *to = self->proposed_to;
  if (priority != NULL)
    *priority = self->proposed_priority;
  if (reason != NULL)
    *reason = self->proposed_reason;
  return TRUE;
}
