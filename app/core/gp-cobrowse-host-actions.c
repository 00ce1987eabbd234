/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-step.h>
#include <guidepost/gp-failure.h>
#include "gp-cobrowse-host-private.h"

/* The host's authority: the role table, then the session action; driving by consent;
 * pointing. */

static GpActor
role_actor (GpCobrowseRole role)
{
  switch (role)
    {
    case GP_COBROWSE_ROLE_CUSTOMER: return GP_ACTOR_CUSTOMER;
    case GP_COBROWSE_ROLE_TRAINER: return GP_ACTOR_TRAINER;
    case GP_COBROWSE_ROLE_AGENT:
    case GP_COBROWSE_ROLE_OBSERVER:
    default: return GP_ACTOR_AGENT;
    }
}

/* Driving sides are the agent's and the customer's; a trainer is on the agent's side. */
static GpActor
role_side (GpCobrowseRole role)
{
  return role == GP_COBROWSE_ROLE_CUSTOMER ? GP_ACTOR_CUSTOMER : GP_ACTOR_AGENT;
}

static gboolean
parse_enum (const char         *text,
            const char * const *names,
            guint               n,
            const char         *what,
            guint              *value,
            GError            **error)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *value = i;
        return TRUE;
      }
  g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
               "“%s” is not a %s", text, what);
  return FALSE;
}

static gboolean
get_index (JsonObject  *args,
           const char  *name,
           guint       *value,
           GError     **error)
{
  gint64 number = 0;

  if (!gp_cobrowse_get_int (args, name, FALSE, &number, error))
    return FALSE;
  if (number < 0 || number > G_MAXINT)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "“%s” must be an index from 0", name);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

static gboolean
get_priority (JsonObject  *args,
              GpPriority  *priority,
              GError     **error)
{
  static const char * const names[] = { "low", "normal", "high", "urgent" };
  const char *text;
  guint value;

  if (!gp_cobrowse_get_string (args, "priority", FALSE, &text, error) ||
      !parse_enum (text, names, G_N_ELEMENTS (names), "priority", &value, error))
    return FALSE;
  *priority = (GpPriority) value;
  return TRUE;
}

static gboolean
counterpart_present (GpCobrowseHost *self,
                     gboolean        customer_side)
{
  if (!customer_side)
    return TRUE; /* the agent at the host answers for the agent's side */
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);

      if (c->state == CONNECTION_ADMITTED && !c->closing &&
          gp_cobrowse_peer_info_get_role (c->info) == GP_COBROWSE_ROLE_CUSTOMER)
        return TRUE;
    }
  return FALSE;
}

static gboolean
consent_timeout (gpointer user_data)
{
  GpCobrowseHost *self = user_data;

  self->consent->timeout_id = 0;
  gp_cobrowse_host_withdraw_consent (self, TRUE, "nobody answered in time");
  return G_SOURCE_REMOVE;
}

void
gp_cobrowse_host_withdraw_consent (GpCobrowseHost *self,
                                   gboolean        force,
                                   const char     *reason)
{
  Consent *consent = self->consent;
  g_autoptr(GError) error = NULL;

  if (consent == NULL || (!force && counterpart_present (self, consent->ask_customer)))
    return;
  self->consent = NULL;
  error = g_error_new (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_DECLINED, "%s", reason);
  if (consent->requester != NULL)
    gp_cobrowse_host_send_result (consent->requester, consent->request_id, error);
  else
    g_signal_emit (self, gp_cobrowse_host_signals[CONSENT_ANSWERED], 0,
                   gp_cobrowse_action_to_string (consent->action), FALSE);
  gp_cobrowse_host_consent_free (consent);
}

static gboolean
ask_consent (GpCobrowseHost    *self,
             GpCobrowseRole     role,
             Connection        *from,
             JsonNode          *request_id,
             GpCobrowseAction   action,
             GError           **error)
{
  GpActor side = role_side (role);
  GpActor driver = gp_session_get_driver (self->session);
  Consent *consent;
  JsonObject *message;
  g_autofree char *text = NULL;

  if (gp_session_get_ended (self->session))
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ENDED,
                   "the session has ended: nothing more can happen in it");
      return FALSE;
    }
  if (action == ACTION_TAKE_OVER && driver == side)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "the %s already drives", gp_actor_to_string (side));
      return FALSE;
    }
  if (action == ACTION_HAND_BACK && driver != side)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "only the side that drives can hand back; the %s drives",
                   gp_actor_to_string (driver));
      return FALSE;
    }
  if (gp_session_get_mode (self->session) == GP_SESSION_MODE_SELF_SERVICE)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED,
                   "there is no agent to drive a self-service session");
      return FALSE;
    }
  if (self->consent != NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BUSY,
                   "a question about driving is already waiting for an answer");
      return FALSE;
    }
  if (!counterpart_present (self, side != GP_ACTOR_CUSTOMER))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NO_COUNTERPART,
                   "no customer is connected to agree");
      return FALSE;
    }

  consent = g_new0 (Consent, 1);
  consent->id = ++self->next_consent_id;
  consent->action = action;
  consent->requester_actor = role_actor (role);
  consent->new_driver = action == ACTION_TAKE_OVER ? side
                      : side == GP_ACTOR_CUSTOMER ? GP_ACTOR_AGENT : GP_ACTOR_CUSTOMER;
  consent->ask_customer = side != GP_ACTOR_CUSTOMER;
  consent->requester = from;
  consent->request_id = request_id != NULL ? json_node_copy (request_id) : NULL;
  consent->timeout_id = g_timeout_add_seconds (CONSENT_TIMEOUT_S, consent_timeout, self);
  self->consent = consent;

  message = gp_cobrowse_message_new ("consent-request");
  json_object_set_int_member (message, "id", consent->id);
  json_object_set_string_member (message, "action", gp_cobrowse_action_to_string (action));
  json_object_set_string_member (message, "from", gp_cobrowse_role_to_string (role));
  json_object_set_string_member (message, "driver", gp_actor_to_string (consent->new_driver));
  text = gp_cobrowse_message_serialize (message, NULL);
  for (guint i = 0; i < self->connections->len; i++)
    {
      Connection *c = g_ptr_array_index (self->connections, i);
      GpCobrowseRole other;

      if (c->state != CONNECTION_ADMITTED || c->closing || c == from)
        continue;
      other = gp_cobrowse_host_acting_role (self, c->info);
      if (other == GP_COBROWSE_ROLE_OBSERVER || (other == GP_COBROWSE_ROLE_CUSTOMER) != consent->ask_customer)
        continue;
      gp_cobrowse_send_text (c->connection, text);
    }
  if (!consent->ask_customer)
    g_signal_emit (self, gp_cobrowse_host_signals[CONSENT_REQUESTED], 0, consent->id,
                   gp_cobrowse_action_to_string (action), from != NULL ? from->info : NULL);
  return TRUE;
}

/* The answer to the open consent question, from the host's agent (@from NULL) or a peer. */
gboolean
gp_cobrowse_host_answer_consent_as (GpCobrowseHost  *self,
                Connection      *from,
                GpCobrowseRole   role,
                guint            id,
                gboolean         granted,
                GError         **error)
{
  Consent *consent = self->consent;
  g_autoptr(GError) refusal = NULL;
  gboolean changed = FALSE;

  if (consent == NULL || consent->id != id)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "no question %u about driving is open", id);
      return FALSE;
    }
  if ((role == GP_COBROWSE_ROLE_CUSTOMER) != consent->ask_customer ||
      (from != NULL && from == consent->requester))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN,
                   "the question is for the %s's side", consent->ask_customer ? "customer" : "agent");
      return FALSE;
    }
  self->consent = NULL;
  if (granted)
    changed = gp_session_change_driver (self->session, consent->requester_actor,
                                        consent->new_driver, &refusal);
  else
    refusal = g_error_new (GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_DECLINED,
                           "the %s said no", consent->ask_customer ? "customer" : "agent");

  if (consent->requester != NULL)
    gp_cobrowse_host_send_result (consent->requester, consent->request_id, refusal);
  else
    g_signal_emit (self, gp_cobrowse_host_signals[CONSENT_ANSWERED], 0,
                   gp_cobrowse_action_to_string (consent->action), changed);
  gp_cobrowse_host_consent_free (consent);
  return TRUE;
}

static gboolean
point (GpCobrowseHost  *self,
       Connection      *from,
       GpCobrowseRole   role,
       JsonObject      *args,
       GError         **error)
{
  GpStep *step = gp_session_get_current_step (self->session);
  const char *element;
  JsonObject *message;
  g_autofree char *text = NULL;

  if (!gp_cobrowse_get_string (args, "element", FALSE, &element, error))
    return FALSE;
  if (step == NULL || gp_step_lookup_element (step, element) == NULL)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_UNKNOWN,
                   "the current step has no element “%s” to point at", element);
      return FALSE;
    }
  message = gp_cobrowse_message_new ("pointer");
  json_object_set_string_member (message, "step", gp_step_get_id (step));
  json_object_set_string_member (message, "element", element);
  json_object_set_string_member (message, "from", gp_cobrowse_role_to_string (role));
  text = gp_cobrowse_message_serialize (message, NULL);
  gp_cobrowse_host_send_to_admitted (self, from, text);
  if (from != NULL)
    g_signal_emit (self, gp_cobrowse_host_signals[POINTER], 0, gp_step_get_id (step), element, from->info);
  return TRUE;
}

/* The authority: checks @action against @role and turns it into a session action.
 * *@deferred is set when the result comes later (a consent question). */
gboolean
gp_cobrowse_host_perform_as (GpCobrowseHost  *self,
         GpCobrowseRole   role,
         Connection      *from,
         JsonNode        *request_id,
         const char      *action_name,
         JsonObject      *args,
         gboolean        *deferred,
         GError         **error)
{
  static const char * const answers[] = { "accepted", "declined", "later" };
  GpSession *session = self->session;
  GpActor actor = role_actor (role);
  GpCobrowseAction action;
  const char *text = NULL, *text2 = NULL;
  guint index = 0;
  gint64 number = 0;
  GpPriority priority;
  gboolean granted;

  *deferred = FALSE;
  if (!gp_cobrowse_action_from_string (action_name, &action))
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_UNKNOWN_ACTION,
                   "unknown action “%s”", action_name);
      return FALSE;
    }
  if (!gp_cobrowse_host_trainee_may (self, from != NULL ? from->info : NULL, action, error) ||
      !gp_cobrowse_role_check (role, action, gp_session_get_driver (session), error))
    return FALSE;

  switch (action)
    {
    case ACTION_NEXT:
      return gp_session_next (session, actor, error);
    case ACTION_BACK:
      return gp_session_back (session, actor, error);
    case ACTION_CHOOSE:
      return get_index (args, "choice", &index, error) &&
             gp_session_choose (session, actor, index, error);
    case ACTION_HINT:
      return gp_session_reveal_hint (session, actor, error);
    case ACTION_WHY:
      return gp_session_show_why (session, actor, error);
    case ACTION_PASS_CHECK:
      return get_index (args, "check", &index, error) &&
             gp_session_pass_check (session, actor, index, error);
    case ACTION_FAIL_CHECK:
      return get_index (args, "check", &index, error) &&
             gp_session_fail_check (session, actor, index, error);
    case ACTION_REPORT_FAILURE:
      return gp_cobrowse_get_string (args, "failure", FALSE, &text, error) &&
             gp_session_report_failure (session, actor, text, error);
    case ACTION_INJECT_FAILURE:
      {
        GpStep *step = gp_session_get_current_step (session);
        GpFailure *failure;

        if (!gp_cobrowse_get_string (args, "failure", FALSE, &text, error))
          return FALSE;
        failure = step != NULL ? gp_step_lookup_failure (step, text) : NULL;
        if (failure != NULL && gp_failure_get_cause (failure) != GP_FAILURE_CAUSE_SYSTEM)
          {
            g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                         "only system failures are injected; “%s” is the customer's", text);
            return FALSE;
          }
        return gp_session_report_failure (session, actor, text, error);
      }
    case ACTION_TAKE_RECOVERY:
      return gp_session_take_recovery (session, actor, error);
    case ACTION_ANSWER_OFFER:
      if (!gp_cobrowse_get_string (args, "offer", FALSE, &text, error) ||
          !gp_cobrowse_get_string (args, "step", TRUE, &text2, error) ||
          !gp_cobrowse_get_string (args, "answer", FALSE, &action_name, error) ||
          !parse_enum (action_name, answers, G_N_ELEMENTS (answers), "answer", &index, error))
        return FALSE;
      return gp_session_answer_offer (session, actor, text2, text, (GpOfferAnswer) index, error);
    case ACTION_PRESENT_OFFER:
      return gp_cobrowse_get_string (args, "offer", FALSE, &text, error) &&
             gp_session_present_offer (session, actor, text, error);
    case ACTION_ESCALATE:
      return gp_cobrowse_get_string (args, "to", FALSE, &text, error) &&
             get_priority (args, &priority, error) &&
             gp_cobrowse_get_string (args, "reason", TRUE, &text2, error) &&
             gp_session_escalate (session, actor, text, priority, text2, error);
    case ACTION_COMPLAINT:
      return get_priority (args, &priority, error) &&
             gp_cobrowse_get_string (args, "text", FALSE, &text, error) &&
             gp_session_log_complaint (session, actor, priority, text, error);
    case ACTION_NOTE:
      return gp_cobrowse_get_string (args, "text", FALSE, &text, error) &&
             gp_session_add_note (session, actor, text, error);
    case ACTION_SATISFACTION:
      if (!gp_cobrowse_get_int (args, "score", FALSE, &number, error) ||
          !gp_cobrowse_get_string (args, "comment", TRUE, &text, error))
        return FALSE;
      if (number < 1 || number > 5)
        {
          g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INVALID_ARGUMENT,
                       "the score is from 1 to 5, not %" G_GINT64_FORMAT, number);
          return FALSE;
        }
      return gp_session_record_satisfaction (session, actor, (guint) number, text, error);
    case ACTION_END:
      {
        static const char * const outcomes[] = { "none", "completed", "escalated", "abandoned" };

        if (!gp_cobrowse_get_string (args, "outcome", FALSE, &text, error) ||
            !parse_enum (text, outcomes, G_N_ELEMENTS (outcomes), "outcome", &index, error))
          return FALSE;
        return gp_session_end (session, actor, (GpOutcome) index, error);
      }
    case ACTION_TAKE_OVER:
    case ACTION_HAND_BACK:
      if (!ask_consent (self, role, from, request_id, action, error))
        return FALSE;
      *deferred = from != NULL;
      return TRUE;
    case ACTION_CONSENT:
      if (!gp_cobrowse_get_int (args, "request", FALSE, &number, error) ||
          !gp_cobrowse_get_bool (args, "granted", &granted, error))
        return FALSE;
      return gp_cobrowse_host_answer_consent_as (self, from, role, (guint) CLAMP (number, 0, G_MAXUINT), granted, error);
    case ACTION_POINT:
      return point (self, from, role, args, error);
    case N_ACTIONS:
    default:
      g_assert_not_reached ();
    }
}
