/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-event-text.h"
#include "gp-journal-row.h"

const char *
gp_actor_describe (GpActor actor)
{
  switch (actor)
    {
    case GP_ACTOR_AGENT:
      return _("Agent");
    case GP_ACTOR_CUSTOMER:
      return _("Customer");
    case GP_ACTOR_TRAINER:
      return _("Trainer");
    case GP_ACTOR_SYSTEM:
    default:
      return _("System");
    }
}

char *
gp_format_offset (gint64 offset_us)
{
  gint64 seconds = MAX (offset_us, 0) / G_USEC_PER_SEC;

  if (seconds >= 3600)
    return g_strdup_printf ("+%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60));
  return g_strdup_printf ("+%02d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}

static const char *
member (JsonObject *payload,
        const char *name)
{
  JsonNode *node = json_object_get_member (payload, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";
  return json_node_get_string (node);
}

static gint64
int_member (JsonObject *payload,
            const char *name)
{
  JsonNode *node = json_object_get_member (payload, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return 0;
  return json_node_get_int (node);
}

static GpStep *
payload_step (JsonObject *payload,
              GpFlow     *flow)
{
  const char *id = member (payload, "step");

  return flow != NULL && *id != '\0' ? gp_flow_lookup_step (flow, id) : NULL;
}

/* The step's title, or its id when the flow does not have it (any more). */
static const char *
step_title (JsonObject *payload,
            GpFlow     *flow)
{
  GpStep *step = payload_step (payload, flow);

  return step != NULL ? gp_step_get_title (step) : member (payload, "step");
}

static const char *
priority_words (const char *priority)
{
  if (g_strcmp0 (priority, "low") == 0)
    return _("low priority");
  if (g_strcmp0 (priority, "high") == 0)
    return _("high priority");
  if (g_strcmp0 (priority, "urgent") == 0)
    return _("urgent");
  return _("normal priority");
}

static char *
describe_step_entered (JsonObject *payload,
                       const char *title)
{
  const char *via = member (payload, "via");

  /* Translators: each %s is a step title */
  if (g_str_equal (via, "start"))
    return g_strdup_printf (_("Began at “%s”"), title);
  if (g_str_equal (via, "choice"))
    return g_strdup_printf (_("Went on to “%s” after a choice"), title);
  if (g_str_equal (via, "recovery"))
    return g_strdup_printf (_("Went to “%s” to recover"), title);
  if (g_str_equal (via, "on-fail"))
    return g_strdup_printf (_("Sent to “%s” after a failed identity check"), title);
  if (g_str_equal (via, "back"))
    return g_strdup_printf (_("Went back to “%s”"), title);
  return g_strdup_printf (_("Moved on to “%s”"), title);
}

static char *
describe_failure (GpEvent    *event,
                  JsonObject *payload,
                  GpFlow     *flow)
{
  GpStep *step = payload_step (payload, flow);
  GpFailure *failure = step != NULL ? gp_step_lookup_failure (step, member (payload, "failure")) : NULL;
  const char *symptom = failure != NULL ? gp_failure_get_symptom (failure) : member (payload, "failure");
  const char *cause = member (payload, "cause");

  if (g_str_equal (cause, "system"))
    /* Translators: who reported it, then the failure's symptom */
    return g_strdup_printf (_("%s reported “%s” (system)"), gp_actor_describe (gp_event_get_actor (event)), symptom);
  /* Translators: who reported it, then the failure's symptom */
  return g_strdup_printf (_("%s reported “%s” (customer)"), gp_actor_describe (gp_event_get_actor (event)), symptom);
}

static const char *
failure_symptom (JsonObject *payload,
                 GpFlow     *flow)
{
  GpStep *step = payload_step (payload, flow);
  GpFailure *failure = step != NULL ? gp_step_lookup_failure (step, member (payload, "failure")) : NULL;

  return failure != NULL ? gp_failure_get_symptom (failure) : member (payload, "failure");
}

static const char *
offer_title (JsonObject *payload,
             GpFlow     *flow)
{
  GpStep *step = payload_step (payload, flow);
  GpOffer *offer = step != NULL ? gp_step_lookup_offer (step, member (payload, "offer")) : NULL;
  const char *title = member (payload, "title");

  if (offer != NULL)
    return gp_offer_get_title (offer);
  return *title != '\0' ? title : member (payload, "offer");
}

static const char *
check_label (JsonObject *payload,
             GpFlow     *flow)
{
  const char *label = member (payload, "label");
  GpStep *step;
  const char * const *checks;
  gint64 index = int_member (payload, "check");

  if (*label != '\0')
    return label;
  step = payload_step (payload, flow);
  checks = step != NULL ? gp_step_get_checks (step) : NULL;
  if (checks != NULL && index >= 0 && index < g_strv_length ((char **) checks))
    return checks[index];
  return "";
}

char *
gp_event_describe (GpEvent *event,
                   GpFlow  *flow)
{
  JsonObject *payload;
  const char *actor;

  g_return_val_if_fail (GP_IS_EVENT (event), NULL);
  g_return_val_if_fail (flow == NULL || GP_IS_FLOW (flow), NULL);

  payload = gp_event_get_payload (event);
  actor = gp_actor_describe (gp_event_get_actor (event));

  switch (gp_event_get_event_type (event))
    {
    case GP_EVENT_STARTED:
      /* Translators: %s is how the session was run, e.g. "Helping a customer" */
      return g_strdup_printf (_("Session started: %s"), gp_describe_mode (member (payload, "mode")));
    case GP_EVENT_INTAKE_RECORDED:
      if (g_str_equal (member (payload, "familiarity"), "familiar"))
        /* Translators: %s is the problem agreed with the customer */
        return g_strdup_printf (_("Agreed the problem with a familiar customer: “%s”"), member (payload, "agreed_problem"));
      /* Translators: %s is the problem agreed with the customer */
      return g_strdup_printf (_("Agreed the problem with a new customer: “%s”"), member (payload, "agreed_problem"));
    case GP_EVENT_TRY_AGAIN_OFFERED:
      /* Translators: %s is who offered */
      return g_strdup_printf (_("%s offered a try on their own, with hints"), actor);
    case GP_EVENT_TRY_AGAIN_ACCEPTED:
      return g_strdup (_("Trying on their own, with hints: accepted"));
    case GP_EVENT_TRY_AGAIN_DECLINED:
      return g_strdup (_("Trying on their own, with hints: declined"));
    case GP_EVENT_STEP_ENTERED:
      return describe_step_entered (payload, step_title (payload, flow));
    case GP_EVENT_STEP_COMPLETED:
      /* Translators: %s is a step title */
      return g_strdup_printf (_("Completed “%s”"), step_title (payload, flow));
    case GP_EVENT_HINT_REVEALED:
      /* Translators: who, the hint's number, the step's title */
      return g_strdup_printf (_("%s revealed hint %d on “%s”"), actor, (int) int_member (payload, "level"),
                              step_title (payload, flow));
    case GP_EVENT_WHY_SHOWN:
      /* Translators: who, then a step title */
      return g_strdup_printf (_("%s asked why “%s” is needed"), actor, step_title (payload, flow));
    case GP_EVENT_CHOICE_MADE:
      /* Translators: who, the choice, the step's title */
      return g_strdup_printf (_("%s chose “%s” at “%s”"), actor, member (payload, "label"), step_title (payload, flow));
    case GP_EVENT_IDENTITY_CHECK_PASSED:
      /* Translators: %s is what was checked, e.g. "Date of birth" */
      return g_strdup_printf (_("Identity check “%s” passed"), check_label (payload, flow));
    case GP_EVENT_IDENTITY_CHECK_FAILED:
      /* Translators: %s is what was checked, e.g. "Date of birth" */
      return g_strdup_printf (_("Identity check “%s” failed"), check_label (payload, flow));
    case GP_EVENT_FAILURE_REPORTED:
      return describe_failure (event, payload, flow);
    case GP_EVENT_RECOVERY_TAKEN:
      /* Translators: who, the failure's symptom, the attempt's number */
      return g_strdup_printf (_("%s took the recovery for “%s” (try %d)"), actor, failure_symptom (payload, flow),
                              (int) int_member (payload, "retry"));
    case GP_EVENT_RETRY_LIMIT_REACHED:
      /* Translators: the number of tries, the failure's symptom */
      return g_strdup_printf (_("Retry limit of %d reached for “%s”"), (int) int_member (payload, "limit"),
                              failure_symptom (payload, flow));
    case GP_EVENT_OFFER_PRESENTED:
      /* Translators: who, the offer's title */
      return g_strdup_printf (_("%s presented the offer “%s”"), actor, offer_title (payload, flow));
    case GP_EVENT_OFFER_ANSWERED:
      {
        const char *answer = member (payload, "answer");
        const char *title = offer_title (payload, flow);

        /* Translators: %s is an offer's title */
        if (g_str_equal (answer, "accepted"))
          return g_strdup_printf (_("Offer “%s” accepted"), title);
        if (g_str_equal (answer, "declined"))
          return g_strdup_printf (_("Offer “%s” declined"), title);
        return g_strdup_printf (_("Offer “%s” left for later"), title);
      }
    case GP_EVENT_DRIVER_CHANGED:
      if (g_str_equal (member (payload, "driver"), "agent"))
        return g_strdup (_("The agent drives now"));
      return g_strdup (_("The customer drives now"));
    case GP_EVENT_NOTE_ADDED:
      /* Translators: who, then the note */
      return g_strdup_printf (_("%s noted “%s”"), actor, member (payload, "text"));
    case GP_EVENT_ESCALATED:
      /* Translators: to whom, then e.g. "high priority" */
      return g_strdup_printf (_("Escalated to %s (%s)"), member (payload, "to"), priority_words (member (payload, "priority")));
    case GP_EVENT_COMPLAINT_LOGGED:
      /* Translators: who, then e.g. "high priority" */
      return g_strdup_printf (_("%s logged a complaint (%s)"), actor, priority_words (member (payload, "priority")));
    case GP_EVENT_SATISFACTION_RECORDED:
      /* Translators: %d is a score from 1 to 5 */
      return g_strdup_printf (_("Satisfaction recorded: %d out of 5"), (int) int_member (payload, "score"));
    case GP_EVENT_ENDED:
      {
        const char *outcome = member (payload, "outcome");

        if (g_str_equal (outcome, "completed"))
          return g_strdup (_("Session ended: completed"));
        if (g_str_equal (outcome, "escalated"))
          return g_strdup (_("Session ended: escalated"));
        return g_strdup (_("Session ended: abandoned"));
      }
    case GP_EVENT_HANDOFF_REQUESTED:
      return g_strdup (_("Customer asked for an agent’s help"));
    case GP_EVENT_FAILURE_INJECTED:
      /* Translators: %s is a failure's id */
      return g_strdup_printf (_("Trainer injected failure “%s”"), member (payload, "failure"));
    case GP_EVENT_FAILURE_CLEARED:
      /* Translators: %s is a failure's id */
      return g_strdup_printf (_("Trainer cleared failure “%s”"), member (payload, "failure"));
    case GP_EVENT_SCENARIO_STARTED:
      /* Translators: %s is a training scenario's id */
      return g_strdup_printf (g_strcmp0 (member (payload, "run"), "assessment") == 0
                              ? _("Assessment of scenario “%s” began")
                              : _("Practice of scenario “%s” began"), member (payload, "scenario"));
    case GP_EVENT_DRIVING_HANDED:
      /* Translators: %s is a trainee's name */
      return g_strdup_printf (_("Trainer handed the driving to %s"), member (payload, "trainee"));
    case GP_EVENT_DRIVING_TAKEN_BACK:
      /* Translators: %s is a trainee's name */
      return g_strdup_printf (_("Trainer took the driving back from %s"), member (payload, "trainee"));
    case GP_EVENT_HANDED_OFF:
    default:
      return g_strdup (_("An agent took over the session"));
    }
}
