/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-failure.h>
#include <guidepost/gp-offer.h>
#include <guidepost/gp-choice.h>

#include <guidepost/gp-handoff.h>

#include "gp-session-private.h"

/* The fold over a session's events: every rule of the engine is checked here, so
 * actions and replays refuse exactly the same things. */

#define FAIL(code, ...) G_STMT_START { \
    g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_##code, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

void
gp_session_state_init (GpSession *self)
{
  self->history = g_ptr_array_new_with_free_func (g_free);
  self->hints_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->failure_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->retries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->limits_reached = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->offers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->time_on_step = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->checks_passed = g_hash_table_new (NULL, NULL);
  self->handoff_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->driver = GP_ACTOR_CUSTOMER;
  self->outcome = GP_OUTCOME_NONE;
  self->hints_allowed = TRUE;
}

void
gp_session_state_clear (GpSession *self)
{
  g_clear_pointer (&self->history, g_ptr_array_unref);
  g_clear_pointer (&self->hints_used, g_hash_table_unref);
  g_clear_pointer (&self->failure_counts, g_hash_table_unref);
  g_clear_pointer (&self->retries, g_hash_table_unref);
  g_clear_pointer (&self->limits_reached, g_hash_table_unref);
  g_clear_pointer (&self->offers, g_hash_table_unref);
  g_clear_pointer (&self->time_on_step, g_hash_table_unref);
  g_clear_pointer (&self->checks_passed, g_hash_table_unref);
  g_clear_pointer (&self->handoff_codes, g_hash_table_unref);
  g_clear_pointer (&self->goal, g_free);
  g_clear_pointer (&self->agreed_problem, g_free);
  g_clear_pointer (&self->open_failure, g_free);
  g_clear_pointer (&self->injected_failure, g_free);
  g_clear_pointer (&self->pending_enter, g_free);
  g_clear_pointer (&self->pending_via, g_free);
  g_clear_pointer (&self->pending_limit, g_free);
  g_clear_pointer (&self->escalated_to, g_free);
  g_clear_pointer (&self->proposed_to, g_free);
  g_clear_pointer (&self->proposed_reason, g_free);
  g_clear_pointer (&self->scenario_id, g_free);
  g_clear_pointer (&self->driving_trainee, g_free);
}

/* Reads "step" and checks that it names the current step. */
static gboolean
at_current_step (GpSession  *self,
                 GpEvent    *event,
                 GError    **error)
{
  const char *step_id = gp_session_payload_string (event, "step", FALSE, error);

  if (step_id == NULL)
    return FALSE;
  if (strcmp (step_id, gp_step_get_id (self->current)) != 0)
    FAIL (INCONSISTENT, "the %s event names step “%s” but the session is at “%s”",
          gp_event_type_to_string (gp_event_get_event_type (event)), step_id,
          gp_step_get_id (self->current));
  return TRUE;
}

static void
account_time (GpSession *self,
              gint64     mono)
{
  const char *id = gp_step_get_id (self->current);
  gint64 *spent = g_hash_table_lookup (self->time_on_step, id);

  if (spent == NULL)
    {
      spent = g_new0 (gint64, 1);
      g_hash_table_insert (self->time_on_step, g_strdup (id), spent);
    }
  *spent += mono - self->entered_mono;
}

static gboolean
apply_step_entered (GpSession  *self,
                    GpEvent    *event,
                    GError    **error)
{
  const char *step_id = gp_session_payload_string (event, "step", FALSE, error);
  const char *via = step_id != NULL ? gp_session_payload_string (event, "via", FALSE, error) : NULL;
  GpStep *step;

  if (via == NULL)
    return FALSE;
  if ((step = gp_flow_lookup_step (self->flow, step_id)) == NULL)
    FAIL (INCONSISTENT, "step “%s” is not in flow “%s”", step_id, gp_flow_get_id (self->flow));

  if (self->pending_enter != NULL)
    {
      if (strcmp (step_id, self->pending_enter) != 0 || strcmp (via, self->pending_via) != 0)
        FAIL (INCONSISTENT, "expected step “%s” to be entered via %s, not “%s” via %s",
              self->pending_enter, self->pending_via, step_id, via);
    }
  else if (strcmp (via, "start") == 0)
    {
      if (self->current != NULL || strcmp (step_id, gp_flow_get_start_id (self->flow)) != 0)
        FAIL (INCONSISTENT, "only the flow's start step “%s” is entered via start",
              gp_flow_get_start_id (self->flow));
    }
  else if (strcmp (via, "back") == 0)
    {
      if (self->history->len == 0)
        FAIL (NO_PREVIOUS_STEP, "“%s” is the first step: there is no step to go back to",
              gp_step_get_id (self->current));
      if (strcmp (step_id, g_ptr_array_index (self->history, self->history->len - 1)) != 0)
        FAIL (INCONSISTENT, "back leads to “%s”, not “%s”",
              (const char *) g_ptr_array_index (self->history, self->history->len - 1), step_id);
    }
  else
    FAIL (INCONSISTENT, "step “%s” entered via %s with nothing leading there", step_id, via);

  /* Nothing is refused below this line. */
  if (strcmp (via, "back") == 0)
    g_ptr_array_remove_index (self->history, self->history->len - 1);
  else if (self->current != NULL && self->current != step)
    g_ptr_array_add (self->history, g_strdup (gp_step_get_id (self->current)));
  if (self->current != NULL)
    account_time (self, gp_event_get_monotonic_time (event));
  self->current = step;
  self->entered_mono = gp_event_get_monotonic_time (event);
  g_hash_table_remove_all (self->checks_passed);
  g_clear_pointer (&self->open_failure, g_free);
  /* An injected failure belongs to the step it was injected at: leaving clears it. */
  g_clear_pointer (&self->injected_failure, g_free);
  g_clear_pointer (&self->pending_enter, g_free);
  g_clear_pointer (&self->pending_via, g_free);
  return TRUE;
}

static void
expect_enter (GpSession  *self,
              const char *step_id,
              const char *via)
{
  gp_session_set_string (&self->pending_enter, step_id);
  gp_session_set_string (&self->pending_via, via);
}

static gboolean
apply_step_completed (GpSession  *self,
                      GpEvent    *event,
                      GError    **error)
{
  const char *id = gp_step_get_id (self->current);

  if (!at_current_step (self, event, error))
    return FALSE;
  switch (gp_step_get_kind (self->current))
    {
    case GP_STEP_KIND_QUESTION:
      FAIL (WRONG_STEP_KIND, "“%s” is a question: choose one of its answers instead", id);
    case GP_STEP_KIND_END:
      FAIL (WRONG_STEP_KIND, "“%s” is an end step: there is no next step", id);
    case GP_STEP_KIND_IDENTITY_CHECK:
      {
        guint n_checks = g_strv_length ((char **) gp_step_get_checks (self->current));
        guint n_passed = g_hash_table_size (self->checks_passed);

        if (n_passed < n_checks)
          FAIL (CHECKS_PENDING, "%u of the %u identity checks of “%s” are not passed yet",
                n_checks - n_passed, n_checks, id);
      }
      break;
    case GP_STEP_KIND_SCREEN:
    case GP_STEP_KIND_INFO:
    default:
      break;
    }
  if (gp_step_get_next_id (self->current) == NULL)
    FAIL (WRONG_STEP_KIND, "“%s” has no next step", id);

  self->progressed = TRUE;
  expect_enter (self, gp_step_get_next_id (self->current), "next");
  return TRUE;
}

static gboolean
apply_choice (GpSession  *self,
              GpEvent    *event,
              GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  const char *label;
  gint64 index;
  GpChoice *choice;

  if (!at_current_step (self, event, error))
    return FALSE;
  if (gp_step_get_kind (self->current) != GP_STEP_KIND_QUESTION)
    FAIL (WRONG_STEP_KIND, "“%s” is a %s step, not a question: there is nothing to choose",
          id, gp_step_kind_to_string (gp_step_get_kind (self->current)));
  if (!gp_session_payload_int (event, "choice", &index, error))
    return FALSE;
  if (index < 0 || index >= gp_step_get_n_choices (self->current))
    FAIL (OUT_OF_RANGE, "question “%s” has %u answers: there is no answer %" G_GINT64_FORMAT,
          id, gp_step_get_n_choices (self->current), index + 1);
  choice = gp_step_get_choice (self->current, (guint) index);
  if ((label = gp_session_payload_string (event, "label", FALSE, error)) == NULL)
    return FALSE;
  if (strcmp (label, gp_choice_get_label (choice)) != 0)
    FAIL (INCONSISTENT, "answer %" G_GINT64_FORMAT " of “%s” is “%s”, not “%s”",
          index + 1, id, gp_choice_get_label (choice), label);

  self->progressed = TRUE;
  expect_enter (self, gp_choice_get_next_id (choice), "choice");
  return TRUE;
}

static gboolean
apply_hint (GpSession  *self,
            GpEvent    *event,
            GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  guint used = gp_session_lookup_count (self->hints_used, id);
  guint n_hints = gp_step_get_n_hints (self->current);
  gint64 level;

  if (!at_current_step (self, event, error) || !gp_session_payload_int (event, "level", &level, error))
    return FALSE;
  if (!self->hints_allowed)
    FAIL (NOT_ALLOWED, "hints are not allowed in this %s of scenario “%s”",
          gp_scenario_run_to_string (self->scenario_run), self->scenario_id);
  if (used >= n_hints)
    FAIL (OUT_OF_RANGE, "“%s” has %u hints and all of them are shown", id, n_hints);
  if (level != used + 1)
    FAIL (INCONSISTENT, "the next hint of “%s” is level %u, not %" G_GINT64_FORMAT, id, used + 1, level);

  g_hash_table_insert (self->hints_used, g_strdup (id), GUINT_TO_POINTER (used + 1));
  return TRUE;
}

static gboolean
apply_why (GpSession  *self,
           GpEvent    *event,
           GError    **error)
{
  if (!at_current_step (self, event, error))
    return FALSE;
  if (gp_step_get_why (self->current) == NULL)
    FAIL (WRONG_STEP_KIND, "“%s” has no why text", gp_step_get_id (self->current));
  return TRUE;
}

static gboolean
apply_check (GpSession  *self,
             GpEvent    *event,
             gboolean    passed,
             GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  const char * const *checks = gp_step_get_checks (self->current);
  const char *label;
  gint64 index;

  if (!at_current_step (self, event, error))
    return FALSE;
  if (gp_step_get_kind (self->current) != GP_STEP_KIND_IDENTITY_CHECK)
    FAIL (WRONG_STEP_KIND, "“%s” is a %s step, not an identity check",
          id, gp_step_kind_to_string (gp_step_get_kind (self->current)));
  if (!gp_session_payload_int (event, "check", &index, error))
    return FALSE;
  if (index < 0 || checks == NULL || index >= g_strv_length ((char **) checks))
    FAIL (OUT_OF_RANGE, "identity check “%s” has %u checks: there is no check %" G_GINT64_FORMAT,
          id, checks != NULL ? g_strv_length ((char **) checks) : 0, index + 1);
  if ((label = gp_session_payload_string (event, "label", FALSE, error)) == NULL)
    return FALSE;
  if (strcmp (label, checks[index]) != 0)
    FAIL (INCONSISTENT, "check %" G_GINT64_FORMAT " of “%s” is “%s”, not “%s”", index + 1, id, checks[index], label);
  if (g_hash_table_contains (self->checks_passed, GUINT_TO_POINTER ((guint) index + 1)))
    FAIL (ALREADY_DONE, "check %" G_GINT64_FORMAT " of “%s” has already passed", index + 1, id);

  if (passed)
    g_hash_table_add (self->checks_passed, GUINT_TO_POINTER ((guint) index + 1));
  else if (gp_step_get_on_fail_id (self->current) != NULL)
    {
      self->progressed = TRUE;
      expect_enter (self, gp_step_get_on_fail_id (self->current), "on-fail");
    }
  return TRUE;
}

static gboolean
apply_failure (GpSession  *self,
               GpEvent    *event,
               GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  const char *failure_id, *cause;
  g_autofree char *key = NULL;
  GpFailure *failure;

  if (!at_current_step (self, event, error))
    return FALSE;
  if ((failure_id = gp_session_payload_string (event, "failure", FALSE, error)) == NULL ||
      (cause = gp_session_payload_string (event, "cause", FALSE, error)) == NULL)
    return FALSE;
  if ((failure = gp_step_lookup_failure (self->current, failure_id)) == NULL)
    FAIL (UNKNOWN, "step “%s” lists no failure “%s”", id, failure_id);
  if (strcmp (cause, gp_failure_cause_to_string (gp_failure_get_cause (failure))) != 0)
    FAIL (INCONSISTENT, "failure “%s” is caused by the %s, not the %s", failure_id,
          gp_failure_cause_to_string (gp_failure_get_cause (failure)), cause);

  key = gp_session_key_of (id, failure_id);
  gp_session_increment (self->failure_counts, key);
  gp_session_set_string (&self->open_failure, failure_id);
  self->failure_seen = TRUE;
  return TRUE;
}

static gboolean
apply_recovery (GpSession  *self,
                GpEvent    *event,
                GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  const char *failure_id, *recovery;
  g_autofree char *key = NULL;
  GpFailure *failure;
  guint limit, retries;
  gint64 retry;

  if (!at_current_step (self, event, error))
    return FALSE;
  if (self->open_failure == NULL)
    FAIL (NO_FAILURE, "no failure has been reported at “%s”: there is nothing to recover from", id);
  if ((failure_id = gp_session_payload_string (event, "failure", FALSE, error)) == NULL ||
      (recovery = gp_session_payload_string (event, "recovery", FALSE, error)) == NULL ||
      !gp_session_payload_int (event, "retry", &retry, error))
    return FALSE;
  if (strcmp (failure_id, self->open_failure) != 0)
    FAIL (INCONSISTENT, "the failure reported at “%s” is “%s”, not “%s”", id, self->open_failure, failure_id);
  failure = gp_step_lookup_failure (self->current, failure_id);
  key = gp_session_key_of (id, failure_id);
  limit = gp_failure_get_retry_limit (failure);
  retries = gp_session_lookup_count (self->retries, key);
  if (limit > 0 && retries >= limit)
    FAIL (RETRY_LIMIT, "“%s” has been retried %u times, its limit: escalate instead", failure_id, retries);
  if (strcmp (recovery, gp_failure_get_recovery_id (failure)) != 0)
    FAIL (INCONSISTENT, "failure “%s” recovers at “%s”, not “%s”", failure_id,
          gp_failure_get_recovery_id (failure), recovery);
  if (retry != retries + 1)
    FAIL (INCONSISTENT, "this is retry %u of “%s”, not %" G_GINT64_FORMAT, retries + 1, failure_id, retry);

  gp_session_increment (self->retries, key);
  g_clear_pointer (&self->open_failure, g_free);
  if (limit > 0 && retries + 1 == limit)
    gp_session_set_string (&self->pending_limit, key);
  self->progressed = TRUE;
  expect_enter (self, gp_failure_get_recovery_id (failure), "recovery");
  return TRUE;
}

static gboolean
apply_retry_limit (GpSession  *self,
                   GpEvent    *event,
                   GError    **error)
{
  const char *failure_id;
  g_autofree char *key = NULL;
  GpFailure *failure;

  if (!at_current_step (self, event, error) ||
      (failure_id = gp_session_payload_string (event, "failure", FALSE, error)) == NULL)
    return FALSE;
  key = gp_session_key_of (gp_step_get_id (self->current), failure_id);
  if (self->pending_limit == NULL || strcmp (key, self->pending_limit) != 0)
    FAIL (INCONSISTENT, "the retry limit of “%s” has not been reached", failure_id);

  failure = gp_step_lookup_failure (self->current, failure_id);
  g_hash_table_add (self->limits_reached, g_steal_pointer (&key));
  g_clear_pointer (&self->pending_limit, g_free);
  if (gp_failure_has_escalation (failure))
    {
      self->proposed = TRUE;
      gp_session_set_string (&self->proposed_to, gp_failure_get_escalate_to (failure));
      self->proposed_priority = gp_failure_get_escalate_priority (failure);
      gp_session_set_string (&self->proposed_reason, gp_failure_get_escalate_reason (failure));
    }
  return TRUE;
}

static gboolean
apply_offer_presented (GpSession  *self,
                       GpEvent    *event,
                       GError    **error)
{
  const char *id = gp_step_get_id (self->current);
  const char *offer_id;
  g_autofree char *key = NULL;
  GpOffer *offer;

  if (!at_current_step (self, event, error) ||
      (offer_id = gp_session_payload_string (event, "offer", FALSE, error)) == NULL)
    return FALSE;
  if ((offer = gp_step_lookup_offer (self->current, offer_id)) == NULL)
    FAIL (UNKNOWN, "step “%s” has no offer “%s”", id, offer_id);
  key = gp_session_key_of (id, offer_id);
  if (g_hash_table_contains (self->offers, key))
    FAIL (OFFER_REPEATED, "offer “%s” has already been presented in this session", offer_id);
  if ((self->failure_seen || self->complaint_seen) && !gp_offer_get_after_failure (offer))
    FAIL (OFFER_NOT_ALLOWED, "offer “%s” is not made after a %s in the same session", offer_id,
          self->complaint_seen ? "complaint" : "failure");

  g_hash_table_insert (self->offers, g_steal_pointer (&key), GINT_TO_POINTER (-1));
  return TRUE;
}

static gboolean
offer_answer_from_string (const char    *text,
                          GpOfferAnswer *answer)
{
  for (guint i = GP_OFFER_ANSWER_ACCEPTED; i <= GP_OFFER_ANSWER_LATER; i++)
    if (g_strcmp0 (text, gp_offer_answer_to_string (i)) == 0)
      {
        *answer = (GpOfferAnswer) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
apply_offer_answered (GpSession  *self,
                      GpEvent    *event,
                      GError    **error)
{
  const char *step_id, *offer_id, *text;
  g_autofree char *key = NULL;
  GpOfferAnswer answer;
  gpointer value;

  if ((step_id = gp_session_payload_string (event, "step", FALSE, error)) == NULL ||
      (offer_id = gp_session_payload_string (event, "offer", FALSE, error)) == NULL ||
      (text = gp_session_payload_string (event, "answer", FALSE, error)) == NULL)
    return FALSE;
  if (!offer_answer_from_string (text, &answer))
    FAIL (INVALID_ARGUMENT, "“%s” is not an answer to an offer (accepted, declined, later)", text);
  key = gp_session_key_of (step_id, offer_id);
  if (!g_hash_table_lookup_extended (self->offers, key, NULL, &value))
    FAIL (OFFER_NOT_PRESENTED, "offer “%s” has not been presented at “%s”", offer_id, step_id);
  if (GPOINTER_TO_INT (value) != -1)
    FAIL (ALREADY_DONE, "offer “%s” has already been answered", offer_id);

  g_hash_table_insert (self->offers, g_steal_pointer (&key), GINT_TO_POINTER ((int) answer));
  return TRUE;
}

static gboolean
non_empty (GpEvent     *event,
           const char  *name,
           const char **value,
           GError     **error)
{
  if ((*value = gp_session_payload_string (event, name, FALSE, error)) == NULL)
    return FALSE;
  if (**value == '\0')
    FAIL (INVALID_ARGUMENT, "the %s of a %s cannot be empty", name,
          gp_event_type_to_string (gp_event_get_event_type (event)));
  return TRUE;
}

static gboolean
apply_end (GpSession  *self,
           GpEvent    *event,
           GError    **error)
{
  const char *text = gp_session_payload_string (event, "outcome", FALSE, error);
  GpOutcome outcome;

  if (text == NULL)
    return FALSE;
  if (!gp_session_outcome_from_string (text, &outcome))
    FAIL (INVALID_ARGUMENT, "“%s” is not an outcome (completed, escalated, abandoned)", text);
  if (gp_step_get_kind (self->current) == GP_STEP_KIND_END)
    {
      if (outcome != gp_step_get_outcome (self->current))
        FAIL (NOT_ALLOWED, "end step “%s” ends the session as %s, not %s", gp_step_get_id (self->current),
              gp_outcome_to_string (gp_step_get_outcome (self->current)), text);
    }
  else if (outcome == GP_OUTCOME_COMPLETED)
    FAIL (NOT_ALLOWED, "the session has not reached an end step: it cannot end as completed");
  else if (outcome == GP_OUTCOME_ESCALATED && !self->escalated)
    FAIL (NOT_ALLOWED, "the session has not been escalated: it cannot end as escalated");

  account_time (self, gp_event_get_monotonic_time (event));
  self->ended = TRUE;
  self->outcome = outcome;
  return TRUE;
}

static gboolean
apply_intake (GpSession  *self,
              GpEvent    *event,
              GError    **error)
{
  const char *goal, *familiarity, *problem;

  if ((goal = gp_session_payload_string (event, "goal", FALSE, error)) == NULL ||
      (familiarity = gp_session_payload_string (event, "familiarity", FALSE, error)) == NULL ||
      (problem = gp_session_payload_string (event, "agreed_problem", FALSE, error)) == NULL)
    return FALSE;
  if (strcmp (familiarity, "new") != 0 && strcmp (familiarity, "familiar") != 0)
    FAIL (INVALID_ARGUMENT, "familiarity is new or familiar, not “%s”", familiarity);

  self->intake_recorded = TRUE;
  self->familiarity = strcmp (familiarity, "new") == 0 ? GP_FAMILIARITY_NEW : GP_FAMILIARITY_FAMILIAR;
  gp_session_set_string (&self->goal, goal);
  gp_session_set_string (&self->agreed_problem, problem);
  return TRUE;
}

static gboolean
apply_started (GpSession  *self,
               GpEvent    *event,
               GError    **error)
{
  const char *flow_id, *mode_text;
  GpSessionMode mode;

  if ((flow_id = gp_session_payload_string (event, "flow", FALSE, error)) == NULL ||
      (mode_text = gp_session_payload_string (event, "mode", FALSE, error)) == NULL)
    return FALSE;
  if (strcmp (flow_id, gp_flow_get_id (self->flow)) != 0)
    FAIL (INCONSISTENT, "the session walks through flow “%s”, not “%s”", flow_id, gp_flow_get_id (self->flow));
  if (!gp_session_mode_from_string (mode_text, &mode))
    FAIL (INVALID_ARGUMENT, "“%s” is not a session mode", mode_text);

  self->started = TRUE;
  self->mode = mode;
  return TRUE;
}

static gboolean
apply_try_again (GpSession   *self,
                 GpEventType  type,
                 GError     **error)
{
  if (type == GP_EVENT_TRY_AGAIN_OFFERED)
    {
      /* Training plays an assisted call, so a trainee offers it too. */
      if (self->mode == GP_SESSION_MODE_SELF_SERVICE)
        FAIL (NOT_ALLOWED, "trying again online is offered in assisted and training sessions only");
      if (self->try_again != TRY_AGAIN_NONE)
        FAIL (ALREADY_DONE, "trying again online has already been offered");
      if (self->progressed)
        FAIL (NOT_ALLOWED, "trying again is offered before the first step is done");
      self->try_again = TRY_AGAIN_OFFERED;
      return TRUE;
    }
  if (self->try_again == TRY_AGAIN_NONE)
    FAIL (NOT_ALLOWED, "trying again online has not been offered");
  if (self->try_again != TRY_AGAIN_OFFERED)
    FAIL (ALREADY_DONE, "the offer to try again has already been answered");
  self->try_again = type == GP_EVENT_TRY_AGAIN_ACCEPTED ? TRY_AGAIN_ACCEPTED : TRY_AGAIN_DECLINED;
  return TRUE;
}

/* D4 hand-off: the customer asks for help with a code; the agent who opens it continues
 * the same session in assisted mode. */
static gboolean
apply_handoff (GpSession   *self,
               GpEvent     *event,
               GError     **error)
{
  const char *code = gp_session_payload_string (event, "code", FALSE, error);
  const char *mode_text;
  GpSessionMode mode;

  if (code == NULL)
    return FALSE;
  if (!gp_handoff_code_is_valid (code))
    FAIL (INVALID_ARGUMENT, "“%s” is not a hand-off code (XXXX-XXXX)", code);
  if (self->mode != GP_SESSION_MODE_SELF_SERVICE)
    FAIL (NOT_ALLOWED, "only a self-service session is handed off to an agent; this one is %s",
          gp_session_mode_to_string (self->mode));

  if (gp_event_get_event_type (event) == GP_EVENT_HANDOFF_REQUESTED)
    {
      if (g_hash_table_contains (self->handoff_codes, code))
        FAIL (ALREADY_DONE, "hand-off code %s has already been requested", code);
      g_hash_table_add (self->handoff_codes, g_strdup (code));
      return TRUE;
    }

  if (!g_hash_table_contains (self->handoff_codes, code))
    FAIL (NOT_ALLOWED, "the session never asked for a hand-off with code %s", code);
  if ((mode_text = gp_session_payload_string (event, "mode", FALSE, error)) == NULL)
    return FALSE;
  if (!gp_session_mode_from_string (mode_text, &mode) || mode != GP_SESSION_MODE_ASSISTED)
    FAIL (INVALID_ARGUMENT, "a handed-off session continues in assisted mode, not “%s”", mode_text);
  self->mode = GP_SESSION_MODE_ASSISTED;
  self->handed_off = TRUE;
  return TRUE;
}

/* Training fault console: only the trainer, only in training mode, one failure of the
 * current step at a time. */
static gboolean
apply_injection (GpSession  *self,
                 GpEvent    *event,
                 GError    **error)
{
  GpEventType type = gp_event_get_event_type (event);
  const char *id = gp_step_get_id (self->current);
  const char *failure_id, *cause;
  GpFailure *failure;

  if (self->mode != GP_SESSION_MODE_TRAINING)
    FAIL (NOT_ALLOWED, "failures are injected and cleared in training sessions only; this one is %s",
          gp_session_mode_to_string (self->mode));
  if (gp_event_get_actor (event) != GP_ACTOR_TRAINER)
    FAIL (NOT_ALLOWED, "only the trainer injects and clears failures, not the %s",
          gp_actor_to_string (gp_event_get_actor (event)));
  if (!at_current_step (self, event, error) ||
      (failure_id = gp_session_payload_string (event, "failure", FALSE, error)) == NULL)
    return FALSE;

  if (type == GP_EVENT_FAILURE_CLEARED)
    {
      if (self->injected_failure == NULL)
        FAIL (NO_FAILURE, "no failure is injected at “%s”: there is nothing to clear", id);
      if (strcmp (failure_id, self->injected_failure) != 0)
        FAIL (INCONSISTENT, "the failure injected at “%s” is “%s”, not “%s”", id, self->injected_failure, failure_id);
      g_clear_pointer (&self->injected_failure, g_free);
      return TRUE;
    }

  if ((cause = gp_session_payload_string (event, "cause", FALSE, error)) == NULL)
    return FALSE;
  if ((failure = gp_step_lookup_failure (self->current, failure_id)) == NULL)
    FAIL (UNKNOWN, "step “%s” lists no failure “%s”", id, failure_id);
  if (strcmp (cause, gp_failure_cause_to_string (gp_failure_get_cause (failure))) != 0)
    FAIL (INCONSISTENT, "failure “%s” is caused by the %s, not the %s", failure_id,
          gp_failure_cause_to_string (gp_failure_get_cause (failure)), cause);
  if (self->injected_failure != NULL)
    FAIL (ALREADY_DONE, "failure “%s” is injected already: clear it before injecting another",
          self->injected_failure);
  gp_session_set_string (&self->injected_failure, failure_id);
  return TRUE;
}

gboolean
gp_session_apply (GpSession  *self,
                  GpEvent    *event,
                  GError    **error)
{
  GpEventType type = gp_event_get_event_type (event);
  const char *text, *text2;
  gint64 number;
  GpActor driver;
  GpPriority priority;

  if (self->ended)
    FAIL (ENDED, "the session has ended: nothing more can happen in it");
  if (gp_event_get_seq (event) != self->events->len + 1)
    FAIL (INCONSISTENT, "expected event %u, got event %" G_GUINT64_FORMAT,
          self->events->len + 1, gp_event_get_seq (event));
  if (g_strcmp0 (gp_event_get_session_id (event), self->id) != 0)
    FAIL (INCONSISTENT, "event %" G_GUINT64_FORMAT " belongs to session %s, not %s",
          gp_event_get_seq (event), gp_event_get_session_id (event), self->id);
  if (self->events->len > 0 && gp_event_get_monotonic_time (event) < self->last_mono)
    FAIL (INCONSISTENT, "event %" G_GUINT64_FORMAT " goes back in time", gp_event_get_seq (event));
  if (!self->started && type != GP_EVENT_STARTED)
    FAIL (INCONSISTENT, "a session begins with a started event, not %s", gp_event_type_to_string (type));
  if (self->started && type == GP_EVENT_STARTED)
    FAIL (INCONSISTENT, "the session has already started");
  if (self->started && !self->intake_recorded && type != GP_EVENT_INTAKE_RECORDED)
    FAIL (INCONSISTENT, "the intake is recorded right after the start, before %s", gp_event_type_to_string (type));
  if (self->intake_recorded && type == GP_EVENT_INTAKE_RECORDED)
    FAIL (INCONSISTENT, "the intake has already been recorded");
  if (self->pending_limit != NULL && type != GP_EVENT_RETRY_LIMIT_REACHED)
    FAIL (INCONSISTENT, "a retry-limit-reached event must come before %s", gp_event_type_to_string (type));
  if (self->pending_limit == NULL && self->pending_enter != NULL && type != GP_EVENT_STEP_ENTERED)
    FAIL (INCONSISTENT, "step “%s” must be entered before %s", self->pending_enter, gp_event_type_to_string (type));
  if (self->intake_recorded && self->current == NULL && type != GP_EVENT_STEP_ENTERED)
    FAIL (INCONSISTENT, "the start step must be entered before %s", gp_event_type_to_string (type));

  switch (type)
    {
    case GP_EVENT_STARTED:
      if (!apply_started (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_INTAKE_RECORDED:
      if (!apply_intake (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_TRY_AGAIN_OFFERED:
    case GP_EVENT_TRY_AGAIN_ACCEPTED:
    case GP_EVENT_TRY_AGAIN_DECLINED:
      if (!apply_try_again (self, type, error))
        return FALSE;
      break;
    case GP_EVENT_STEP_ENTERED:
      if (!apply_step_entered (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_STEP_COMPLETED:
      if (!apply_step_completed (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_HINT_REVEALED:
      if (!apply_hint (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_WHY_SHOWN:
      if (!apply_why (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_CHOICE_MADE:
      if (!apply_choice (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_IDENTITY_CHECK_PASSED:
    case GP_EVENT_IDENTITY_CHECK_FAILED:
      if (!apply_check (self, event, type == GP_EVENT_IDENTITY_CHECK_PASSED, error))
        return FALSE;
      break;
    case GP_EVENT_FAILURE_REPORTED:
      if (!apply_failure (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_RECOVERY_TAKEN:
      if (!apply_recovery (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_RETRY_LIMIT_REACHED:
      if (!apply_retry_limit (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_OFFER_PRESENTED:
      if (!apply_offer_presented (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_OFFER_ANSWERED:
      if (!apply_offer_answered (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_DRIVER_CHANGED:
      if ((text = gp_session_payload_string (event, "driver", FALSE, error)) == NULL)
        return FALSE;
      if (!gp_actor_from_string (text, &driver) || (driver != GP_ACTOR_AGENT && driver != GP_ACTOR_CUSTOMER))
        FAIL (INVALID_ARGUMENT, "the driver is the agent or the customer, not “%s”", text);
      if (driver == self->driver)
        FAIL (ALREADY_DONE, "the %s already drives", text);
      if (driver == GP_ACTOR_AGENT && self->mode == GP_SESSION_MODE_SELF_SERVICE)
        FAIL (NOT_ALLOWED, "there is no agent to drive a self-service session");
      self->driver = driver;
      break;
    case GP_EVENT_NOTE_ADDED:
      if (!non_empty (event, "text", &text, error))
        return FALSE;
      self->n_notes++;
      break;
    case GP_EVENT_ESCALATED:
      if (!non_empty (event, "to", &text, error) ||
          (text2 = gp_session_payload_string (event, "priority", FALSE, error)) == NULL ||
          gp_session_payload_string (event, "reason", TRUE, error) == NULL)
        return FALSE;
      if (!gp_priority_from_string (text2, &priority))
        FAIL (INVALID_ARGUMENT, "“%s” is not a priority (low, normal, high, urgent)", text2);
      self->escalated = TRUE;
      gp_session_set_string (&self->escalated_to, text);
      self->proposed = FALSE;
      g_clear_pointer (&self->proposed_to, g_free);
      g_clear_pointer (&self->proposed_reason, g_free);
      break;
    case GP_EVENT_COMPLAINT_LOGGED:
      if (!non_empty (event, "text", &text, error) ||
          (text2 = gp_session_payload_string (event, "priority", FALSE, error)) == NULL)
        return FALSE;
      if (!gp_priority_from_string (text2, &priority))
        FAIL (INVALID_ARGUMENT, "“%s” is not a priority (low, normal, high, urgent)", text2);
      self->complaint_seen = TRUE;
      self->n_complaints++;
      break;
    case GP_EVENT_SATISFACTION_RECORDED:
      if (!gp_session_payload_int (event, "score", &number, error) ||
          gp_session_payload_string (event, "comment", TRUE, error) == NULL)
        return FALSE;
      if (number < 1 || number > 5)
        FAIL (INVALID_ARGUMENT, "satisfaction is scored from 1 to 5, not %" G_GINT64_FORMAT, number);
      if (self->satisfaction_recorded)
        FAIL (ALREADY_DONE, "satisfaction has already been recorded");
      self->satisfaction_recorded = TRUE;
      self->satisfaction = (guint) number;
      break;
    case GP_EVENT_ENDED:
      if (!apply_end (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_HANDOFF_REQUESTED:
    case GP_EVENT_HANDED_OFF:
      if (!apply_handoff (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_FAILURE_INJECTED:
    case GP_EVENT_FAILURE_CLEARED:
      if (!apply_injection (self, event, error))
        return FALSE;
      break;
    case GP_EVENT_SCENARIO_STARTED:
    case GP_EVENT_DRIVING_HANDED:
    case GP_EVENT_DRIVING_TAKEN_BACK:
      if (!gp_session_apply_training (self, event, error))
        return FALSE;
      break;
    default:
      FAIL (INCONSISTENT, "unknown event type %d", (int) type);
    }

  self->last_mono = gp_event_get_monotonic_time (event);
  g_ptr_array_add (self->events, g_object_ref (event));
  return TRUE;
}
