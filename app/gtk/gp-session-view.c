/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "gp-ui-resources.h"

#include "gp-complaint-dialog.h"
#include "gp-end-page.h"
#include "gp-escalation-dialog.h"
#include "gp-intake-page.h"
#include "gp-session-view-private.h"
#include "gp-step-view.h"


G_DEFINE_FINAL_TYPE (GpSessionView, gp_session_view, ADW_TYPE_BIN)

/* Remote (co-browsing as a peer): the host decides, so the action becomes a request. */
#define REMOTE_REQUEST(self, action, args) \
  G_STMT_START { \
    if ((self)->remote != NULL) \
      { \
        gp_session_view_request ((self), (action), (args)); \
        return; \
      } \
  } G_STMT_END

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SESSION,
  PROP_SHARING,
  N_PROPS
};

enum {
  CLOSED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
gp_session_view_notify_sharing (GpSessionView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARING]);
}

/* Helpers shared with the pages (gp-session-view-private.h) */

static const char *
payload_string (GpEvent    *event,
                const char *name)
{
  JsonNode *node = json_object_get_member (gp_event_get_payload (event), name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

void
gp_session_view_read_visit (GpSession *session,
                            GpVisit   *visit)
{
  GListModel *events = gp_session_get_events (session);
  GpStep *step = gp_session_get_current_step (session);
  guint n = g_list_model_get_n_items (events);
  gboolean in_visit = TRUE, failure_settled = FALSE;

  memset (visit, 0, sizeof *visit);

  /* Newest first: this visit's part ends at its step-entered. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i - 1);
      GpEventType type = gp_event_get_event_type (event);
      JsonNode *node;

      if (type == GP_EVENT_ESCALATED)
        visit->escalated = TRUE;
      else if (type == GP_EVENT_SATISFACTION_RECORDED)
        visit->satisfaction_recorded = TRUE;

      if (!in_visit)
        continue;

      switch (type)
        {
        case GP_EVENT_STEP_ENTERED:
          visit->entered_seq = gp_event_get_seq (event);
          in_visit = FALSE;
          break;
        case GP_EVENT_RECOVERY_TAKEN:
          failure_settled = TRUE;
          break;
        case GP_EVENT_FAILURE_REPORTED:
          if (!failure_settled && step != NULL)
            visit->open_failure = gp_step_lookup_failure (step, payload_string (event, "failure"));
          failure_settled = TRUE;
          break;
        case GP_EVENT_WHY_SHOWN:
          visit->why_shown = TRUE;
          break;
        case GP_EVENT_IDENTITY_CHECK_PASSED:
          node = json_object_get_member (gp_event_get_payload (event), "check");
          if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64 &&
              json_node_get_int (node) >= 0 && json_node_get_int (node) < 64)
            visit->checks_passed |= G_GUINT64_CONSTANT (1) << json_node_get_int (node);
          break;
        default:
          break;
        }
    }
}

GpActor
gp_session_view_actor_for (GpSession *session)
{
  switch (gp_session_get_mode (session))
    {
    case GP_SESSION_MODE_SELF_SERVICE: return GP_ACTOR_CUSTOMER;
    /* Playing a scenario, the person here is the trainee in the agent's place. */
    case GP_SESSION_MODE_TRAINING:
      return gp_session_get_scenario_id (session) != NULL ? GP_ACTOR_AGENT : GP_ACTOR_TRAINER;
    case GP_SESSION_MODE_ASSISTED:
    default: return GP_ACTOR_AGENT;
    }
}

gboolean
gp_session_view_is_self_service (GpSession *session)
{
  /* A co-browsing customer's mirror of an assisted session reads as theirs too. */
  return gp_session_get_mode (session) == GP_SESSION_MODE_SELF_SERVICE ||
         g_object_get_data (G_OBJECT (session), GP_SESSION_VIEW_CUSTOMER_KEY) != NULL;
}

char *
gp_session_view_format_minutes (double minutes)
{
  int n;

  if (minutes < 0 || !isfinite (minutes))
    return g_strdup (_("Time not known"));
  if (minutes < 1)
    return g_strdup (_("Under a minute"));
  n = (int) lround (MIN (minutes, 60.0 * 24));
  return g_strdup_printf (ngettext ("About %d minute", "About %d minutes", n), n);
}

/* State */

static GpActor
actor (GpSessionView *self)
{
  return gp_session_view_actor_for (self->session);
}

static void
toast (GpSessionView *self,
       const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
gp_session_view_toast (GpSessionView *self,
                       const char    *text)
{
  toast (self, text);
}

/* A refused action is the session's word: say why, record nothing. */
void
gp_session_view_report (GpSessionView *self,
                        GError        *error)
{
  g_debug ("Session action refused: %s", error->message);
  toast (self, error->message);
}

gboolean
gp_session_view_is_open (GpSessionView *self)
{
  return self->session != NULL && !gp_session_get_ended (self->session);
}

static GpOutcome
pending_outcome (GpSessionView *self,
                 GpVisit       *visit)
{
  GpStep *step = gp_session_get_current_step (self->session);

  if (step != NULL && gp_step_get_kind (step) == GP_STEP_KIND_END)
    return gp_step_get_outcome (step);
  return visit->escalated ? GP_OUTCOME_ESCALATED : GP_OUTCOME_ABANDONED;
}

static void
update_actions (GpSessionView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GpStep *step = self->session != NULL ? gp_session_get_current_step (self->session) : NULL;
  gboolean open = gp_session_view_is_open (self) && step != NULL;
  GpStepKind kind = step != NULL ? gp_step_get_kind (step) : GP_STEP_KIND_END;
  GpVisit visit = { 0 };
  gboolean checks_done = TRUE, can_recover = FALSE;
  const char * const *checks;

  if (self->session != NULL)
    gp_session_view_read_visit (self->session, &visit);

  if (step != NULL && (checks = gp_step_get_checks (step)) != NULL)
    for (guint i = 0; checks[i] != NULL && i < 64; i++)
      checks_done &= (visit.checks_passed & (G_GUINT64_CONSTANT (1) << i)) != 0;

  if (open && visit.open_failure != NULL)
    {
      guint limit = gp_failure_get_retry_limit (visit.open_failure);

      can_recover = limit == 0 ||
        gp_session_get_retries (self->session, gp_step_get_id (step), gp_failure_get_id (visit.open_failure)) < limit;
    }

  gtk_widget_action_set_enabled (widget, "session.start", self->session == NULL && self->flow != NULL);
  gtk_widget_action_set_enabled (widget, "session.next",
                                 open && !self->wrapping_up && checks_done &&
                                 (kind == GP_STEP_KIND_SCREEN || kind == GP_STEP_KIND_INFO ||
                                  kind == GP_STEP_KIND_IDENTITY_CHECK));
  gtk_widget_action_set_enabled (widget, "session.back", open && gp_session_get_history (self->session)->len > 0);
  gtk_widget_action_set_enabled (widget, "session.choose", open && kind == GP_STEP_KIND_QUESTION);
  gtk_widget_action_set_enabled (widget, "session.hint",
                                 open && gp_session_get_hints_allowed (self->session) &&
                                 gp_session_get_hints_used (self->session, gp_step_get_id (step)) < gp_step_get_n_hints (step));
  gtk_widget_action_set_enabled (widget, "session.why",
                                 open && !visit.why_shown && gp_step_get_why (step) != NULL && *gp_step_get_why (step) != '\0');
  gtk_widget_action_set_enabled (widget, "session.pass-check", open && kind == GP_STEP_KIND_IDENTITY_CHECK);
  gtk_widget_action_set_enabled (widget, "session.fail-check", open && kind == GP_STEP_KIND_IDENTITY_CHECK);
  gtk_widget_action_set_enabled (widget, "session.something-wrong", open && gp_step_get_n_failures (step) > 0);
  gtk_widget_action_set_enabled (widget, "session.report-failure", open && gp_step_get_n_failures (step) > 0);
  gtk_widget_action_set_enabled (widget, "session.take-recovery", can_recover);
  {
    gboolean training = open && self->remote == NULL &&
                        gp_session_get_mode (self->session) == GP_SESSION_MODE_TRAINING &&
                        gp_session_get_scenario_id (self->session) == NULL;
    gboolean injected = training && gp_session_get_injected_failure (self->session) != NULL;

    gtk_widget_action_set_enabled (widget, "session.inject-failure",
                                   training && !injected && gp_step_get_n_failures (step) > 0);
    gtk_widget_action_set_enabled (widget, "session.clear-failure", injected);
  }
  gtk_widget_action_set_enabled (widget, "session.accept-offer", open && gp_step_view_get_shown_offer (self->step_view, NULL) != NULL);
  gtk_widget_action_set_enabled (widget, "session.decline-offer", open && gp_step_view_get_shown_offer (self->step_view, NULL) != NULL);
  gtk_widget_action_set_enabled (widget, "session.make-offer",
                                 open && self->remote == NULL && gp_session_get_scenario_id (self->session) != NULL);
  gtk_widget_action_set_enabled (widget, "session.escalate", open);
  gtk_widget_action_set_enabled (widget, "session.complaint", open);
  gtk_widget_action_set_enabled (widget, "session.wrap-up", open && !self->wrapping_up && kind != GP_STEP_KIND_END);
  gtk_widget_action_set_enabled (widget, "session.resume", open && self->wrapping_up);
  gtk_widget_action_set_enabled (widget, "session.end", open);
  gtk_widget_action_set_enabled (widget, "session.satisfaction", open && !visit.satisfaction_recorded);
  gtk_widget_action_set_enabled (widget, "session.need-help",
                                 open && self->journal != NULL && gp_session_view_is_self_service (self->session));

  if (self->remote != NULL)
    {
      static const char * const actions[] = {
        "session.start", "session.next", "session.back", "session.choose", "session.hint", "session.why",
        "session.pass-check", "session.fail-check", "session.something-wrong", "session.report-failure",
        "session.take-recovery", "session.accept-offer", "session.decline-offer", "session.escalate",
        "session.complaint", "session.wrap-up", "session.resume", "session.end", "session.satisfaction",
        "session.need-help", NULL
      };

      for (guint i = 0; actions[i] != NULL; i++)
        if (!gp_session_view_remote_allows (self, actions[i]))
          gtk_widget_action_set_enabled (widget, actions[i], FALSE);
    }
  gp_session_view_update_cobrowse (self);
}

static void
update_page (GpSessionView *self)
{
  GpStep *step;
  GpVisit visit;

  if (self->session == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "intake");
      return;
    }

  step = gp_session_get_current_step (self->session);
  gp_session_view_read_visit (self->session, &visit);
  if (gp_session_get_ended (self->session) || self->wrapping_up ||
      (step != NULL && gp_step_get_kind (step) == GP_STEP_KIND_END))
    {
      gp_end_page_set_session (self->end_page, self->session, pending_outcome (self, &visit));
      gtk_stack_set_visible_child_name (self->stack, "end");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "step");
}

static void
update (GpSessionView *self)
{
  update_page (self);
  update_actions (self);
}

void
gp_session_view_update (GpSessionView *self)
{
  update (self);
}

void
gp_session_view_set_title (GpSessionView *self,
                           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

static void
set_session (GpSessionView *self,
             GpSession     *session)
{
  if (self->session == session)
    return;

  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  if (self->session != NULL)
    g_clear_signal_handler (&self->event_handler, self->session);
  g_set_object (&self->session, session);
  self->wrapping_up = FALSE;
  if (session != NULL)
    {
      /* The pages connect first (in set_session below) so they are current when we decide. */
      gp_step_view_set_session (self->step_view, session);
      gp_end_page_set_session (self->end_page, session, GP_OUTCOME_ABANDONED);
      self->event_handler = g_signal_connect_object (session, "event-applied",
                                                     G_CALLBACK (update), self, G_CONNECT_SWAPPED);
    }
  else
    gp_step_view_set_session (self->step_view, NULL);
  gp_session_view_training_show (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  update (self);
}

/* Offers are made when the session allows them: the first one it accepts is shown. */
static gboolean
present_offers (GpSessionView *self,
                GpOfferWhen    when)
{
  GpStep *step = gp_session_get_current_step (self->session);
  gboolean presented = FALSE;

  /* A mirror only follows its host: the host's side makes offers.  A trainee playing a
   * scenario chooses the moment (it is scored): session.make-offer. */
  if (step == NULL || gp_session_get_ended (self->session) || self->remote != NULL ||
      gp_session_get_scenario_id (self->session) != NULL)
    return FALSE;

  for (guint i = 0; i < gp_step_get_n_offers (step) && !presented; i++)
    {
      GpOffer *offer = gp_step_get_offer (step, i);
      g_autoptr(GError) error = NULL;

      if (gp_offer_get_when (offer) != when ||
          gp_session_get_offer_state (self->session, gp_step_get_id (step), gp_offer_get_id (offer), NULL, NULL))
        continue;
      if (gp_session_present_offer (self->session, actor (self), gp_offer_get_id (offer), &error))
        presented = TRUE;
      else
        g_debug ("Offer %s not made: %s", gp_offer_get_id (offer), error->message);
    }
  return presented;
}

static void
entered (GpSessionView *self)
{
  present_offers (self, GP_OFFER_WHEN_ON_ENTER);
}

void
gp_session_view_present_entered (GpSessionView *self)
{
  if (gp_session_view_is_open (self))
    entered (self);
}

/* Actions */

static void
start_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  GpTryAgainAnswer try_again = gp_intake_page_get_try_again (self->intake_page);
  g_autoptr(GpSession) session = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem = gp_intake_page_get_agreed_problem (self->intake_page);
  g_autofree char *stripped = g_strstrip (g_strdup (problem));

  if (self->flow == NULL || self->session != NULL)
    return;
  if (*stripped == '\0')
    {
      toast (self, _("Agree the problem in one line first"));
      return;
    }

  /* Playing a scenario, the trainee holds the conversation in the agent's place. */
  if (self->scenario != NULL)
    session = gp_session_new_for_trainee (self->flow,
                                          gp_intake_page_get_goal (self->intake_page),
                                          gp_intake_page_get_familiarity (self->intake_page),
                                          stripped,
                                          self->journal != NULL ? GP_EVENT_SINK (self->journal) : NULL);
  else
    session = gp_session_new (self->flow,
                              gp_intake_page_get_mode (self->intake_page),
                              gp_intake_page_get_goal (self->intake_page),
                              gp_intake_page_get_familiarity (self->intake_page),
                              stripped,
                              self->journal != NULL ? GP_EVENT_SINK (self->journal) : NULL);
  gp_session_view_training_attach (self, session);
  set_session (self, session);

  /* Offered to a scripted customer, the run answers for them. */
  if (try_again != GP_TRY_AGAIN_NOT_OFFERED &&
      (!gp_session_offer_try_again (session, actor (self), &error) ||
       (try_again != GP_TRY_AGAIN_OFFERED &&
        !gp_session_answer_try_again (session, actor (self), try_again == GP_TRY_AGAIN_ACCEPTED, &error))))
    gp_session_view_report (self, error);
  entered (self);
}

#define SESSION_ACTION(name, remote_action, remote_args, call) \
  static void \
  name##_activated (GtkWidget  *widget, \
                    const char *action_name, \
                    GVariant   *parameter) \
  { \
    GpSessionView *self = GP_SESSION_VIEW (widget); \
    g_autoptr(GError) error = NULL; \
    if (self->session == NULL) \
      return; \
    REMOTE_REQUEST (self, remote_action, remote_args); \
    if (!(call)) \
      gp_session_view_report (self, error); \
    else \
      entered (self); \
  }

static JsonObject *
args_int (const char *name,
          gint64      value)
{
  JsonObject *args = json_object_new ();

  json_object_set_int_member (args, name, value);
  return args;
}

static JsonObject *
args_string (const char *name,
             const char *value)
{
  JsonObject *args = json_object_new ();

  json_object_set_string_member (args, name, value);
  return args;
}

SESSION_ACTION (back, "back", NULL, gp_session_back (self->session, actor (self), &error))
SESSION_ACTION (choose, "choose", args_int ("choice", g_variant_get_uint32 (parameter)),
                gp_session_choose (self->session, actor (self), g_variant_get_uint32 (parameter), &error))
SESSION_ACTION (hint, "hint", NULL, gp_session_reveal_hint (self->session, actor (self), &error))
SESSION_ACTION (why, "why", NULL, gp_session_show_why (self->session, actor (self), &error))
SESSION_ACTION (pass_check, "pass-check", args_int ("check", g_variant_get_uint32 (parameter)),
                gp_session_pass_check (self->session, actor (self), g_variant_get_uint32 (parameter), &error))
SESSION_ACTION (fail_check, "fail-check", args_int ("check", g_variant_get_uint32 (parameter)),
                gp_session_fail_check (self->session, actor (self), g_variant_get_uint32 (parameter), &error))
SESSION_ACTION (report_failure, "report-failure", args_string ("failure", g_variant_get_string (parameter, NULL)),
                gp_session_report_failure (self->session, actor (self), g_variant_get_string (parameter, NULL), &error))
SESSION_ACTION (take_recovery, "take-recovery", NULL, gp_session_take_recovery (self->session, actor (self), &error))

/* Training: the fault console's actions are the trainer's own, never requested by a peer. */
static void
inject_failure_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->remote != NULL)
    return;
  if (!gp_session_inject_failure (self->session, GP_ACTOR_TRAINER, g_variant_get_string (parameter, NULL), &error))
    gp_session_view_report (self, error);
}

static void
clear_failure_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL || self->remote != NULL)
    return;
  if (!gp_session_clear_failure (self->session, GP_ACTOR_TRAINER, &error))
    gp_session_view_report (self, error);
}

static void
next_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (self->session == NULL)
    return;
  REMOTE_REQUEST (self, "next", NULL);
  /* An offer for the end of the step comes first; the next press moves on. */
  if (present_offers (self, GP_OFFER_WHEN_ON_COMPLETE))
    return;
  if (!gp_session_next (self->session, actor (self), &error))
    gp_session_view_report (self, error);
  else
    entered (self);
}

static void
answer_offer (GpSessionView *self,
              GpOfferAnswer  answer)
{
  g_autoptr(GError) error = NULL;
  const char *step_id = NULL;
  GpOffer *offer;

  if (self->session == NULL ||
      (offer = gp_step_view_get_shown_offer (self->step_view, &step_id)) == NULL)
    return;
  if (self->remote != NULL)
    {
      JsonObject *args = args_string ("offer", gp_offer_get_id (offer));

      json_object_set_string_member (args, "answer", gp_offer_answer_to_string (answer));
      if (step_id != NULL)
        json_object_set_string_member (args, "step", step_id);
      gp_session_view_request (self, "answer-offer", args);
      return;
    }
  if (!gp_session_answer_offer (self->session, actor (self), step_id, gp_offer_get_id (offer), answer, &error))
    gp_session_view_report (self, error);
}

static void
accept_offer_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  answer_offer (GP_SESSION_VIEW (widget), GP_OFFER_ANSWER_ACCEPTED);
}

static void
decline_offer_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  answer_offer (GP_SESSION_VIEW (widget), GP_OFFER_ANSWER_DECLINED);
}

static void
something_wrong_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  gp_step_view_toggle_failures (GP_SESSION_VIEW (widget)->step_view);
}

static GtkWindow *
parent_window (GpSessionView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_dialog (GpSessionView *self,
             GtkWidget     *dialog)
{
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
gp_session_view_show_dialog (GpSessionView *self,
                             GtkWidget     *dialog)
{
  show_dialog (self, dialog);
}

GtkWindow *
gp_session_view_parent_window (GpSessionView *self)
{
  return parent_window (self);
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

/* Public API */

void
gp_session_view_start (GpSessionView *self,
                       GpFlow        *flow,
                       GpJournal     *journal,
                       const char    *goal,
                       GpSessionMode  mode)
{
  g_return_if_fail (GP_IS_SESSION_VIEW (self));
  g_return_if_fail (GP_IS_FLOW (flow));
  g_return_if_fail (journal == NULL || GP_IS_JOURNAL (journal));

  set_session (self, NULL);
  g_clear_object (&self->scenario);
  self->scenario_run = GP_SCENARIO_RUN_NONE;
  g_set_object (&self->flow, flow);
  g_set_object (&self->journal, journal);
  gp_intake_page_set_flow (self->intake_page, flow, goal, mode);
  gp_session_view_set_title (self, gp_flow_get_title (flow));
  update (self);
}

void
gp_session_view_show_session (GpSessionView *self,
                              GpSession     *session)
{
  GpJournal *journal;

  g_return_if_fail (GP_IS_SESSION_VIEW (self));
  g_return_if_fail (GP_IS_SESSION (session));

  g_set_object (&self->flow, gp_session_get_flow (session));
  journal = GP_IS_JOURNAL (gp_session_get_sink (session)) ? GP_JOURNAL (gp_session_get_sink (session)) : NULL;
  g_set_object (&self->journal, journal);
  gp_session_view_set_title (self, gp_flow_get_title (self->flow));
  set_session (self, session);
  /* A session resumed or handed off at a step whose offers were never made (it stopped
   * between entering the step and making them) makes them now, at their moment. */
  entered (self);
}

GpSession *
gp_session_view_get_session (GpSessionView *self)
{
  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), NULL);

  return self->session;
}

const char *
gp_session_view_get_title (GpSessionView *self)
{
  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), NULL);

  return self->title;
}

/* GObject */

static void
gp_session_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GpSessionView *self = GP_SESSION_VIEW (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SHARING:
      g_value_set_boolean (value, self->host != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_session_view_dispose (GObject *object)
{
  GpSessionView *self = GP_SESSION_VIEW (object);

  if (self->dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->dialog), (gpointer *) &self->dialog);
      gtk_window_destroy (GTK_WINDOW (self->dialog));
      self->dialog = NULL;
    }
  if (self->session != NULL)
    g_clear_signal_handler (&self->event_handler, self->session);
  gp_session_view_cobrowse_dispose (self);
  gp_session_view_training_dispose (self);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->toast);
  g_clear_object (&self->flow);
  g_clear_object (&self->journal);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_SESSION_VIEW);

  G_OBJECT_CLASS (gp_session_view_parent_class)->dispose (object);
}

static void
gp_session_view_finalize (GObject *object)
{
  GpSessionView *self = GP_SESSION_VIEW (object);

  g_free (self->title);

  G_OBJECT_CLASS (gp_session_view_parent_class)->finalize (object);
}

static void
gp_session_view_class_init (GpSessionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = gp_session_view_get_property;
  object_class->dispose = gp_session_view_dispose;
  object_class->finalize = gp_session_view_finalize;

  /* For the header bar: the flow's title. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL,
                                                G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SESSION] = g_param_spec_object ("session", NULL, NULL, GP_TYPE_SESSION,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the shown session is shared (hosted for co-browsing) from here. */
  properties[PROP_SHARING] = g_param_spec_boolean ("sharing", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                   G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The user went back to the library. */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /* Links the templates' resource into whatever uses the view. */
  (void) gp_ui_get_resource ();
  g_type_ensure (GP_TYPE_INTAKE_PAGE);
  g_type_ensure (GP_TYPE_STEP_VIEW);
  g_type_ensure (GP_TYPE_END_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-session-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, stack);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, intake_page);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, step_view);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, end_page);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, connection_revealer);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, connection_label);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, cobrowse_revealer);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, cobrowse_label);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, driver_button);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, point_button);
  gtk_widget_class_bind_template_child (widget_class, GpSessionView, share_button);

  gtk_widget_class_install_action (widget_class, "session.start", NULL, start_activated);
  gtk_widget_class_install_action (widget_class, "session.next", NULL, next_activated);
  gtk_widget_class_install_action (widget_class, "session.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "session.choose", "u", choose_activated);
  gtk_widget_class_install_action (widget_class, "session.hint", NULL, hint_activated);
  gtk_widget_class_install_action (widget_class, "session.why", NULL, why_activated);
  gtk_widget_class_install_action (widget_class, "session.pass-check", "u", pass_check_activated);
  gtk_widget_class_install_action (widget_class, "session.fail-check", "u", fail_check_activated);
  gtk_widget_class_install_action (widget_class, "session.something-wrong", NULL, something_wrong_activated);
  gtk_widget_class_install_action (widget_class, "session.report-failure", "s", report_failure_activated);
  gtk_widget_class_install_action (widget_class, "session.take-recovery", NULL, take_recovery_activated);
  gtk_widget_class_install_action (widget_class, "session.inject-failure", "s", inject_failure_activated);
  gtk_widget_class_install_action (widget_class, "session.clear-failure", NULL, clear_failure_activated);
  gtk_widget_class_install_action (widget_class, "session.accept-offer", NULL, accept_offer_activated);
  gtk_widget_class_install_action (widget_class, "session.decline-offer", NULL, decline_offer_activated);
  gtk_widget_class_install_action (widget_class, "session.close", NULL, close_activated);
  gp_session_view_ending_class_init (widget_class);
  gp_session_view_training_class_init (widget_class);
  gp_session_view_cobrowse_class_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "session.start", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "session.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "session.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "session.hint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "session.why", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "session.escalate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "session.complaint", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_exclam, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "session.something-wrong", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_exclam, GDK_CONTROL_MASK, "session.something-wrong", NULL);
  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK, "session.choose", "u", i);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_session_view_init (GpSessionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Session"), -1);
  update (self);
}

GtkWidget *
gp_session_view_new (void)
{
  return g_object_new (GP_TYPE_SESSION_VIEW, NULL);
}
