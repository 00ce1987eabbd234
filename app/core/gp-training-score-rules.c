/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-step.h>
#include <guidepost/gp-offer.h>

#include "gp-training-score-private.h"

/* One verdict per kind of expected practice (docs/scenario-format.md, "Scoring"), and
 * the helpers the score's deductions share. */

GpEvent *
gp_score_event_at (Context *ctx,
          guint    i)
{
  return g_ptr_array_index (ctx->events, i);
}

GpEventType
gp_score_type_at (Context *ctx,
         guint    i)
{
  return gp_event_get_event_type (gp_score_event_at (ctx, i));
}

/* Returns: (nullable): a string member of the event's payload */
const char *
gp_score_field (GpEvent    *event,
       const char *name)
{
  JsonObject *payload = gp_event_get_payload (event);
  JsonNode *node = payload != NULL && json_object_has_member (payload, name)
                   ? json_object_get_member (payload, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
field_is (GpEvent    *event,
          const char *name,
          const char *value)
{
  return value == NULL || g_strcmp0 (gp_score_field (event, name), value) == 0;
}

/* "02:14" from the scenario's start; hours only when needed. */
char *
gp_score_clock_text (gint64 us)
{
  gint64 s = MAX (us, 0) / G_USEC_PER_SEC;

  if (s >= 3600)
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%02d:%02d", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
  return g_strdup_printf ("%02d:%02d", (int) (s / 60), (int) (s % 60));
}

char *
gp_score_at (Context *ctx,
    guint    i)
{
  return gp_score_clock_text (gp_event_get_monotonic_time (gp_score_event_at (ctx, i)) - ctx->start_mono);
}

const char *
gp_score_step_title (Context    *ctx,
            const char *step_id)
{
  GpStep *step = step_id != NULL ? gp_flow_lookup_step (ctx->flow, step_id) : NULL;

  return step != NULL ? gp_step_get_title (step) : step_id;
}

const char *
gp_score_offer_title (Context    *ctx,
             const char *step_id,
             const char *offer_id)
{
  for (guint s = 0; s < gp_flow_get_n_steps (ctx->flow); s++)
    {
      GpStep *step = gp_flow_get_step (ctx->flow, s);
      GpOffer *offer = gp_step_lookup_offer (step, offer_id);

      if (offer != NULL && (step_id == NULL || g_str_equal (step_id, gp_step_get_id (step))))
        return gp_offer_get_title (offer);
    }
  return offer_id;
}

/* Whether the flow lets the offer be made after a failure (on @step_id, or anywhere). */
static gboolean
offer_after_failure (Context    *ctx,
                     const char *step_id,
                     const char *offer_id)
{
  for (guint s = 0; s < gp_flow_get_n_steps (ctx->flow); s++)
    {
      GpStep *step = gp_flow_get_step (ctx->flow, s);
      GpOffer *offer = gp_step_lookup_offer (step, offer_id);

      if (offer != NULL && (step_id == NULL || g_str_equal (step_id, gp_step_get_id (step))) &&
          gp_offer_get_after_failure (offer))
        return TRUE;
    }
  return FALSE;
}

/* One pass over the events: what troubled the customer before each event (an injected or
 * reported failure not yet recovered, an escalation due, a call escalated), and every
 * recovery taken for another failure than the one injected. */
void
gp_score_fold (Context *ctx)
{
  const char *injected = NULL, *open = NULL, *due = NULL;
  gboolean escalated = FALSE;
  WrongRecovery pending = { 0 };
  gboolean mismatch = FALSE;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      GpEvent *event = gp_score_event_at (ctx, i);
      const char *failure = gp_score_field (event, "failure");
      char *trouble = NULL;

      if (injected != NULL || open != NULL)
        trouble = g_strdup_printf ("the customer was still stuck with “%s”", open != NULL ? open : injected);
      else if (due != NULL)
        trouble = g_strdup_printf ("an escalation for “%s” was due", due);
      else if (escalated)
        trouble = g_strdup ("the call had been escalated");
      g_ptr_array_add (ctx->trouble, trouble);

      switch (gp_event_get_event_type (event))
        {
        case GP_EVENT_SCENARIO_STARTED:
          ctx->start_mono = gp_event_get_monotonic_time (event);
          break;
        case GP_EVENT_STEP_ENTERED:
          injected = open = NULL;
          ctx->current = gp_score_field (event, "step");
          break;
        case GP_EVENT_FAILURE_INJECTED:
          injected = failure;
          break;
        case GP_EVENT_FAILURE_CLEARED:
          injected = NULL;
          break;
        case GP_EVENT_FAILURE_REPORTED:
          open = failure;
          mismatch = injected != NULL && g_strcmp0 (injected, failure) != 0;
          pending = (WrongRecovery) { i, 0, gp_score_field (event, "step"), injected, failure };
          break;
        case GP_EVENT_RECOVERY_TAKEN:
          open = NULL;
          if (mismatch && g_strcmp0 (pending.reported, failure) == 0)
            {
              pending.recovery = i;
              g_array_append_val (ctx->wrong, pending);
            }
          mismatch = FALSE;
          break;
        case GP_EVENT_RETRY_LIMIT_REACHED:
          if (gp_score_field (event, "to") != NULL)
            due = failure;
          break;
        case GP_EVENT_ESCALATED:
          due = NULL;
          escalated = TRUE;
          break;
        case GP_EVENT_ENDED:
          ctx->ended = event;
          break;
        default:
          break;
        }
    }
}

static int
find (Context     *ctx,
      guint        from,
      GpEventType  type,
      gboolean     agent_only,
      const char  *step,
      const char  *failure,
      const char  *offer)
{
  for (guint i = from; i < ctx->events->len; i++)
    {
      GpEvent *event = gp_score_event_at (ctx, i);

      if (gp_event_get_event_type (event) == type &&
          (!agent_only || gp_event_get_actor (event) == GP_ACTOR_AGENT) &&
          field_is (event, "step", step) && field_is (event, "failure", failure) && field_is (event, "offer", offer))
        return (int) i;
    }
  return -1;
}

/* Returns: the index of the first event after which @step_id was left (entered, then
 * another step entered or the session ended), or -1 */
static int
left_at (Context    *ctx,
         const char *step_id)
{
  gboolean inside = FALSE;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      GpEventType type = gp_score_type_at (ctx, i);

      if (type == GP_EVENT_STEP_ENTERED)
        {
          gboolean here = field_is (gp_score_event_at (ctx, i), "step", step_id);

          if (inside && !here)
            return (int) i;
          inside = here;
        }
      else if (type == GP_EVENT_ENDED && inside)
        return (int) i;
    }
  return -1;
}

static Verdict
verdict (GpScoreItemStatus  status,
         int                seq_index,
         char              *text)
{
  return (Verdict) { status, seq_index, text };
}

static Verdict
judge_try_again (Context *ctx)
{
  int i = find (ctx, 0, GP_EVENT_TRY_AGAIN_OFFERED, TRUE, NULL, NULL, NULL);
  int moved = -1;

  if (i >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, i);

      return verdict (GP_SCORE_ITEM_GIVEN, i, g_strdup_printf (
        "You offered the customer the chance to try again online, at %s, before the first step was done.", when));
    }
  for (guint k = 0; k < ctx->events->len && moved < 0; k++)
    if (gp_score_type_at (ctx, k) == GP_EVENT_STEP_ENTERED && !field_is (gp_score_event_at (ctx, k), "via", "start"))
      moved = (int) k;
  if (moved < 0 && ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup (
      "Not yet: offer the customer the chance to try again online before the first step is done."));
  return verdict (GP_SCORE_ITEM_MISSED, moved, g_strdup (
    "You did not offer the customer the chance to try again online before the first step was done."));
}

static Verdict
judge_why (Context    *ctx,
           const char *step)
{
  int i = find (ctx, 0, GP_EVENT_WHY_SHOWN, TRUE, step, NULL, NULL);
  int left = left_at (ctx, step);
  const char *title = gp_score_step_title (ctx, step);

  if (i >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, i);

      return verdict (GP_SCORE_ITEM_GIVEN, i, g_strdup_printf (
        "You explained why “%s” is needed, at %s.", title, when));
    }
  if (left >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, left);

      return verdict (GP_SCORE_ITEM_MISSED, left, g_strdup_printf (
        "You left “%s” at %s without explaining why it is needed.", title, when));
    }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup_printf (
      "Not yet: explain why “%s” is needed while you are at it.", title));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup_printf (
    "The session never reached “%s”, so its reason was never explained.", title));
}

static Verdict
judge_offer (Context    *ctx,
             const char *step,
             const char *offer)
{
  const char *title = gp_score_offer_title (ctx, step, offer);
  int first = -1, left = -1;

  for (int i = find (ctx, 0, GP_EVENT_OFFER_PRESENTED, TRUE, step, NULL, offer); i >= 0;
       i = find (ctx, i + 1, GP_EVENT_OFFER_PRESENTED, TRUE, step, NULL, offer))
    {
      g_autofree char *when = gp_score_at (ctx, i);
      const char *trouble = g_ptr_array_index (ctx->trouble, i);

      if (trouble == NULL)
        return verdict (GP_SCORE_ITEM_GIVEN, i, g_strdup_printf (
          "You mentioned “%s” on “%s” at %s, at a good moment.", title,
          gp_score_step_title (ctx, gp_score_field (gp_score_event_at (ctx, i), "step")), when));
      if (first < 0)
        first = i;
    }
  if (first >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, first);

      return verdict (GP_SCORE_ITEM_MISSED, first, g_strdup_printf (
        "You mentioned “%s” at %s, but %s: not the right moment.", title, when,
        (const char *) g_ptr_array_index (ctx->trouble, first)));
    }

  /* Guidepost holds offers back after a failure or complaint (flow-format.md). */
  if (!offer_after_failure (ctx, step, offer))
    {
      int k = find (ctx, 0, GP_EVENT_FAILURE_REPORTED, FALSE, NULL, NULL, NULL);
      int c = find (ctx, 0, GP_EVENT_COMPLAINT_LOGGED, FALSE, NULL, NULL, NULL);

      if (c >= 0 && (k < 0 || c < k))
        k = c;
      if (k >= 0)
        {
          g_autofree char *when = gp_score_at (ctx, k);

          return verdict (GP_SCORE_ITEM_MISSED, k, g_strdup_printf (
            "“%s” could no longer be mentioned: after the %s at %s the flow holds it back.", title,
            gp_score_type_at (ctx, k) == GP_EVENT_COMPLAINT_LOGGED ? "complaint" : "failure", when));
        }
    }

  /* The moment has gone once a step offering it was left without it. */
  for (guint s = 0; s < gp_flow_get_n_steps (ctx->flow); s++)
    {
      GpStep *candidate = gp_flow_get_step (ctx->flow, s);
      int k;

      if (gp_step_lookup_offer (candidate, offer) == NULL ||
          (step != NULL && !g_str_equal (step, gp_step_get_id (candidate))))
        continue;
      k = left_at (ctx, gp_step_get_id (candidate));
      if (k >= 0 && (left < 0 || k < left))
        left = k;
    }
  if (left >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, left);

      return verdict (GP_SCORE_ITEM_MISSED, left, g_strdup_printf (
        "You moved on at %s without mentioning “%s”.", when, title));
    }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup_printf (
      "Not yet: mention “%s” when the moment comes.", title));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup_printf (
    "The session never reached a step where “%s” could be mentioned.", title));
}

static Verdict
judge_escalation (Context    *ctx,
                  const char *step,
                  const char *failure)
{
  int limit = find (ctx, 0, GP_EVENT_RETRY_LIMIT_REACHED, FALSE, step, failure, NULL);
  int early = find (ctx, 0, GP_EVENT_ESCALATED, TRUE, NULL, NULL, NULL);
  const char *title = gp_score_step_title (ctx, step);

  if (limit >= 0)
    {
      g_autofree char *reached = gp_score_at (ctx, limit);
      int done = find (ctx, limit + 1, GP_EVENT_ESCALATED, TRUE, NULL, NULL, NULL);

      if (done >= 0)
        {
          g_autofree char *when = gp_score_at (ctx, done);

          return verdict (GP_SCORE_ITEM_GIVEN, done, g_strdup_printf (
            "“%s” reached its retry limit on “%s” at %s and you escalated at %s.",
            failure, title, reached, when));
        }
      if (ctx->ended == NULL)
        return verdict (GP_SCORE_ITEM_NOT_YET, limit, g_strdup_printf (
          "Not yet: “%s” reached its retry limit at %s; escalate now.", failure, reached));
      return verdict (GP_SCORE_ITEM_MISSED, limit, g_strdup_printf (
        "“%s” reached its retry limit on “%s” at %s, but you did not escalate before the end.",
        failure, title, reached));
    }
  if (early >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, early);

      return verdict (GP_SCORE_ITEM_MISSED, early, g_strdup_printf (
        "You escalated at %s, before “%s” reached its retry limit on “%s”.", when, failure, title));
    }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup_printf (
      "Not yet: escalate once “%s” reaches its retry limit, not before.", failure));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup_printf (
    "“%s” never reached its retry limit on “%s”, so the escalation never came due.", failure, title));
}

static Verdict
judge_identity (Context    *ctx,
                const char *step)
{
  GpStep *check_step = gp_flow_lookup_step (ctx->flow, step);
  const char * const *checks = check_step != NULL ? gp_step_get_checks (check_step) : NULL;
  guint n_checks = checks != NULL ? g_strv_length ((char **) checks) : 0;
  const char *title = gp_score_step_title (ctx, step);
  guint passed = 0;
  int failed = -1;

  for (guint i = 0; i < ctx->events->len; i++)
    {
      GpEvent *event = gp_score_event_at (ctx, i);
      GpEventType type = gp_event_get_event_type (event);

      if (type == GP_EVENT_STEP_ENTERED)
        passed = 0;
      else if (type == GP_EVENT_IDENTITY_CHECK_PASSED && field_is (event, "step", step) && ++passed == n_checks)
        {
          g_autofree char *when = gp_score_at (ctx, i);

          return verdict (GP_SCORE_ITEM_GIVEN, (int) i, g_strdup_printf (
            "You completed all %u identity checks of “%s” by %s.", n_checks, title, when));
        }
      else if (type == GP_EVENT_IDENTITY_CHECK_FAILED && field_is (event, "step", step) && failed < 0)
        failed = (int) i;
    }
  if (failed >= 0)
    {
      g_autofree char *when = gp_score_at (ctx, failed);

      return verdict (GP_SCORE_ITEM_MISSED, failed, g_strdup_printf (
        "A check of “%s” failed at %s, so the identity check was not completed.", title, when));
    }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup_printf (
      "Not yet: complete every identity check of “%s”.", title));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup_printf (
    "The identity checks of “%s” were never all passed.", title));
}

static Verdict
judge_recovery (Context    *ctx,
                const char *step,
                const char *failure)
{
  int taken = find (ctx, 0, GP_EVENT_RECOVERY_TAKEN, FALSE, step, failure, NULL);
  const char *title = gp_score_step_title (ctx, step);

  if (taken >= 0)
    {
      int reported = taken;
      g_autofree char *when_reported = NULL;
      g_autofree char *when = gp_score_at (ctx, taken);

      while (reported > 0 && gp_score_type_at (ctx, (guint) reported) != GP_EVENT_FAILURE_REPORTED)
        reported--;
      when_reported = gp_score_at (ctx, (guint) reported);
      return verdict (GP_SCORE_ITEM_GIVEN, taken, g_strdup_printf (
        "You reported “%s” on “%s” at %s and took its recovery at %s.", failure, title, when_reported, when));
    }
  for (guint w = 0; w < ctx->wrong->len; w++)
    {
      WrongRecovery *wrong = &g_array_index (ctx->wrong, WrongRecovery, w);
      g_autofree char *when = NULL;

      if (g_strcmp0 (wrong->step, step) != 0 || g_strcmp0 (wrong->injected, failure) != 0)
        continue;
      when = gp_score_at (ctx, wrong->report);
      return verdict (ctx->ended == NULL ? GP_SCORE_ITEM_NOT_YET : GP_SCORE_ITEM_MISSED, (int) wrong->recovery,
                      g_strdup_printf ("The customer's problem on “%s” was “%s”, but at %s you reported “%s” "
                                       "and took its recovery instead.", title, failure, when, wrong->reported));
    }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup_printf (
      "Not yet: if “%s” happens on “%s”, report it and take its recovery.", failure, title));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup_printf (
    "“%s” on “%s” was never reported and recovered from.", failure, title));
}

static Verdict
judge_satisfaction (Context *ctx)
{
  for (guint i = 0; i < ctx->events->len; i++)
    if (gp_score_type_at (ctx, i) == GP_EVENT_SATISFACTION_RECORDED && gp_event_get_actor (gp_score_event_at (ctx, i)) != GP_ACTOR_TRAINER)
      {
        g_autofree char *when = gp_score_at (ctx, i);
        JsonObject *payload = gp_event_get_payload (gp_score_event_at (ctx, i));

        return verdict (GP_SCORE_ITEM_GIVEN, (int) i, g_strdup_printf (
          "You asked the customer how it went, at %s (%" G_GINT64_FORMAT " out of 5).", when,
          json_object_get_int_member (payload, "score")));
      }
  if (ctx->ended == NULL)
    return verdict (GP_SCORE_ITEM_NOT_YET, -1, g_strdup ("Not yet: ask the customer how it went before the end."));
  return verdict (GP_SCORE_ITEM_MISSED, -1, g_strdup ("You did not ask the customer how it went."));
}

char *
gp_score_practice_title (Context            *ctx,
                GpScenarioPractice *practice)
{
  const char *step = gp_scenario_practice_get_step_id (practice);
  const char *failure = gp_scenario_practice_get_failure_id (practice);

  switch (gp_scenario_practice_get_kind (practice))
    {
    case GP_PRACTICE_OFFER_TRY_AGAIN:
      return g_strdup ("Offer to let the customer try again online");
    case GP_PRACTICE_EXPLAIN_WHY:
      return g_strdup_printf ("Explain why “%s” is needed", gp_score_step_title (ctx, step));
    case GP_PRACTICE_MAKE_OFFER:
      return g_strdup_printf ("Mention “%s”", gp_score_offer_title (ctx, step, gp_scenario_practice_get_offer_id (practice)));
    case GP_PRACTICE_ESCALATE_WHEN_LIMIT:
      return g_strdup_printf ("Escalate when “%s” reaches its retry limit", failure);
    case GP_PRACTICE_PASS_IDENTITY_CHECK:
      return g_strdup_printf ("Complete the identity checks of “%s”", gp_score_step_title (ctx, step));
    case GP_PRACTICE_TAKE_RECOVERY:
      return g_strdup_printf ("Take the recovery for “%s” on “%s”", failure, gp_score_step_title (ctx, step));
    case GP_PRACTICE_RECORD_SATISFACTION:
    default:
      return g_strdup ("Ask the customer how it went");
    }
}

Verdict
gp_score_judge (Context            *ctx,
       GpScenarioPractice *practice)
{
  const char *step = gp_scenario_practice_get_step_id (practice);
  const char *failure = gp_scenario_practice_get_failure_id (practice);

  switch (gp_scenario_practice_get_kind (practice))
    {
    case GP_PRACTICE_OFFER_TRY_AGAIN:
      return judge_try_again (ctx);
    case GP_PRACTICE_EXPLAIN_WHY:
      return judge_why (ctx, step);
    case GP_PRACTICE_MAKE_OFFER:
      return judge_offer (ctx, step, gp_scenario_practice_get_offer_id (practice));
    case GP_PRACTICE_ESCALATE_WHEN_LIMIT:
      return judge_escalation (ctx, step, failure);
    case GP_PRACTICE_PASS_IDENTITY_CHECK:
      return judge_identity (ctx, step);
    case GP_PRACTICE_TAKE_RECOVERY:
      return judge_recovery (ctx, step, failure);
    case GP_PRACTICE_RECORD_SATISFACTION:
    default:
      return judge_satisfaction (ctx);
    }
}
