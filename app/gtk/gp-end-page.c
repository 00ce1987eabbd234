/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-session-view-private.h"
#include "gp-end-page.h"
#include "gp-gtk-util.h"
#include "gp-score-report.h"

struct _GpEndPage
{
  AdwBin         parent_instance;

  GpSession     *session;
  gulong         event_handler;
  GpTrainingRun *run;
  GpOutcome      outcome;        /* what it ends as, until it has ended */
  guint          score;          /* chosen, not yet recorded */
  GtkWidget     *score_buttons[5];

  AdwStatusPage *status_page;
  GtkListBox    *summary_list;
  GtkWidget     *satisfaction_box;
  GtkLabel      *question_label;
  GtkWidget     *score_box;
  AdwEntryRow   *comment_row;
  GtkWidget     *record_button;
  GtkLabel      *thanks_label;
  GtkWidget     *journal_label;
  GtkWidget     *finish_button;
  GtkWidget     *resume_button;
  GtkWidget     *close_button;
  GpScoreReport *score_report;
  GtkLabel      *reply_label;
};

G_DEFINE_FINAL_TYPE (GpEndPage, gp_end_page, ADW_TYPE_BIN)

typedef struct {
  guint steps, choices, hints, whys, checks_passed, checks_failed;
  guint failures, recoveries, complaints, accepted, declined;
  GString *failure_names, *accepted_names, *declined_names;
  char *escalated_to;
  gint64 score;
} Summary;

static void
append_name (GString    *names,
             const char *name)
{
  if (name == NULL)
    return;
  if (names->len > 0)
    g_string_append (names, ", ");
  g_string_append (names, name);
}

static const char *
member (JsonObject *payload,
        const char *name)
{
  JsonNode *node = json_object_get_member (payload, name);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

static void
summarize (GpSession *session,
           Summary   *summary)
{
  GListModel *events = gp_session_get_events (session);
  GpFlow *flow = gp_session_get_flow (session);
  guint n = g_list_model_get_n_items (events);

  summary->failure_names = g_string_new (NULL);
  summary->accepted_names = g_string_new (NULL);
  summary->declined_names = g_string_new (NULL);
  summary->score = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      JsonObject *payload = gp_event_get_payload (event);
      GpStep *step = member (payload, "step") != NULL ? gp_flow_lookup_step (flow, member (payload, "step")) : NULL;
      GpFailure *failure;
      GpOffer *offer;
      JsonNode *node;

      switch (gp_event_get_event_type (event))
        {
        case GP_EVENT_STEP_COMPLETED: summary->steps++; break;
        case GP_EVENT_CHOICE_MADE: summary->choices++; break;
        case GP_EVENT_HINT_REVEALED: summary->hints++; break;
        case GP_EVENT_WHY_SHOWN: summary->whys++; break;
        case GP_EVENT_IDENTITY_CHECK_PASSED: summary->checks_passed++; break;
        case GP_EVENT_IDENTITY_CHECK_FAILED: summary->checks_failed++; break;
        case GP_EVENT_RECOVERY_TAKEN: summary->recoveries++; break;
        case GP_EVENT_COMPLAINT_LOGGED: summary->complaints++; break;
        case GP_EVENT_FAILURE_REPORTED:
          summary->failures++;
          failure = step != NULL ? gp_step_lookup_failure (step, member (payload, "failure")) : NULL;
          append_name (summary->failure_names, failure != NULL ? gp_failure_get_symptom (failure) : member (payload, "failure"));
          break;
        case GP_EVENT_OFFER_ANSWERED:
          offer = step != NULL ? gp_step_lookup_offer (step, member (payload, "offer")) : NULL;
          if (g_strcmp0 (member (payload, "answer"), "accepted") == 0)
            {
              summary->accepted++;
              append_name (summary->accepted_names, offer != NULL ? gp_offer_get_title (offer) : member (payload, "offer"));
            }
          else
            {
              summary->declined++;
              append_name (summary->declined_names, offer != NULL ? gp_offer_get_title (offer) : member (payload, "offer"));
            }
          break;
        case GP_EVENT_ESCALATED:
          g_free (summary->escalated_to);
          summary->escalated_to = g_strdup (member (payload, "to"));
          break;
        case GP_EVENT_SATISFACTION_RECORDED:
          node = json_object_get_member (payload, "score");
          if (node != NULL && json_node_get_value_type (node) == G_TYPE_INT64)
            summary->score = json_node_get_int (node);
          break;
        default:
          break;
        }
    }
}

static void
summary_clear (Summary *summary)
{
  g_string_free (summary->failure_names, TRUE);
  g_string_free (summary->accepted_names, TRUE);
  g_string_free (summary->declined_names, TRUE);
  g_free (summary->escalated_to);
}

static void
add_row (GpEndPage  *self,
         const char *icon,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
  gtk_list_box_append (self->summary_list, row);
}

#define ADD_COUNT(icon, format, count, subtitle) \
  G_STMT_START { \
    g_autofree char *text_ = g_strdup_printf (format, (count)); \
    add_row (self, icon, text_, subtitle); \
  } G_STMT_END

static const char *
outcome_title (GpOutcome outcome,
               gboolean  ended)
{
  switch (outcome)
    {
    case GP_OUTCOME_COMPLETED: return ended ? _("Session Completed") : _("Ready to Finish");
    case GP_OUTCOME_ESCALATED: return ended ? _("Session Escalated") : _("Escalated: Finish the Session?");
    case GP_OUTCOME_ABANDONED: return ended ? _("Session Ended") : _("End the Session?");
    case GP_OUTCOME_NONE:
    default: return _("Session");
    }
}

/* Training: what the scripted customer answers, and the score once the session ended. */
static void
update_training (GpEndPage *self,
                 gboolean   ended,
                 gboolean   answered)
{
  g_autoptr(GpTrainingScore) score = NULL;
  g_autofree char *reply = NULL;
  const char *comment = NULL;
  const char *name;
  guint answer;

  score = self->run != NULL && ended ? gp_training_run_get_score (self->run) : NULL;
  gp_score_report_set_score (self->score_report, score);
  gtk_widget_set_visible (GTK_WIDGET (self->score_report), score != NULL);

  answer = self->run != NULL ? gp_training_run_get_satisfaction_reply (self->run, &comment) : 0;
  if (answer >= 1 && answer <= 5)
    {
      name = gp_scenario_get_persona_name (gp_training_run_get_scenario (self->run));
      if (name == NULL || *name == '\0')
        name = _("The customer");
      if (comment != NULL && *comment != '\0')
        /* Translators: the scripted customer's answer: name, score, then their comment */
        reply = g_strdup_printf (_("%s answers %u out of 5: “%s”"), name, answer, comment);
      else
        /* Translators: the scripted customer's answer: name and score */
        reply = g_strdup_printf (_("%s answers %u out of 5."), name, answer);
    }
  gtk_label_set_label (self->reply_label, reply != NULL ? reply : "");
  gtk_widget_set_visible (GTK_WIDGET (self->reply_label), reply != NULL && !answered);
}

void
gp_end_page_update (GpEndPage *self)
{
  Summary summary = { 0 };
  GpStep *step;
  GpOutcome outcome;
  gboolean ended, self_service;
  g_autofree char *description = NULL;

  g_return_if_fail (GP_IS_END_PAGE (self));

  if (self->session == NULL)
    return;

  ended = gp_session_get_ended (self->session);
  self_service = gp_session_view_is_self_service (self->session);
  outcome = ended ? gp_session_get_outcome (self->session) : self->outcome;
  step = gp_session_get_current_step (self->session);

  adw_status_page_set_title (self->status_page, outcome_title (outcome, ended));
  adw_status_page_set_icon_name (self->status_page,
                                 outcome == GP_OUTCOME_COMPLETED ? "emblem-ok-symbolic"
                                 : outcome == GP_OUTCOME_ESCALATED ? "mail-forward-symbolic"
                                 : "process-stop-symbolic");
  if (step != NULL && gp_step_get_kind (step) == GP_STEP_KIND_END)
    description = g_strdup (gp_step_get_title (step));
  else if (!ended)
    description = g_strdup (self_service ? _("You can go back to the steps, or end here.")
                                         : _("Go back to the steps, or end the session here."));
  adw_status_page_set_description (self->status_page, description);

  gp_list_box_remove_all (self->summary_list);
  summarize (self->session, &summary);
  ADD_COUNT ("view-list-ordered-symbolic", ngettext ("%u step done", "%u steps done", summary.steps), summary.steps, NULL);
  if (summary.choices > 0)
    ADD_COUNT ("view-list-bullet-symbolic", ngettext ("%u question answered", "%u questions answered", summary.choices), summary.choices, NULL);
  if (summary.checks_passed + summary.checks_failed > 0)
    {
      g_autofree char *failed = summary.checks_failed > 0
        ? g_strdup_printf (ngettext ("%u failed", "%u failed", summary.checks_failed), summary.checks_failed) : NULL;
      ADD_COUNT ("channel-secure-symbolic", ngettext ("%u identity check passed", "%u identity checks passed", summary.checks_passed), summary.checks_passed, failed);
    }
  if (summary.hints > 0)
    ADD_COUNT ("dialog-information-symbolic", ngettext ("%u hint shown", "%u hints shown", summary.hints), summary.hints, NULL);
  if (summary.whys > 0)
    ADD_COUNT ("help-about-symbolic", ngettext ("%u step explained", "%u steps explained", summary.whys), summary.whys, NULL);
  if (summary.failures > 0)
    ADD_COUNT ("dialog-warning-symbolic", ngettext ("%u problem reported", "%u problems reported", summary.failures), summary.failures, summary.failure_names->str);
  if (summary.accepted > 0)
    ADD_COUNT ("starred-symbolic", ngettext ("%u offer accepted", "%u offers accepted", summary.accepted), summary.accepted, summary.accepted_names->str);
  if (summary.declined > 0)
    ADD_COUNT ("non-starred-symbolic", ngettext ("%u offer declined", "%u offers declined", summary.declined), summary.declined, summary.declined_names->str);
  if (summary.escalated_to != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Escalated to %s"), summary.escalated_to);
      add_row (self, "mail-forward-symbolic", text, NULL);
    }
  if (summary.complaints > 0)
    ADD_COUNT ("dialog-error-symbolic", ngettext ("%u complaint logged", "%u complaints logged", summary.complaints), summary.complaints, NULL);

  gtk_label_set_label (self->question_label, self_service ? _("How satisfied are you with the help you had?")
                                                          : _("Ask the customer: how satisfied are you with the help you had?"));
  gtk_widget_set_visible (self->satisfaction_box, !ended && summary.score < 0);
  gtk_widget_set_visible (GTK_WIDGET (self->thanks_label), summary.score >= 0 || ended);
  if (summary.score >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Satisfaction recorded: %d out of 5. Thank you."), (int) summary.score);
      gtk_label_set_label (self->thanks_label, text);
    }
  else
    gtk_label_set_label (self->thanks_label, _("No satisfaction answer was recorded."));

  update_training (self, ended, summary.score >= 0);
  gtk_widget_set_visible (self->journal_label, gp_session_get_sink (self->session) != NULL);
  gtk_widget_set_visible (self->finish_button, !ended);
  /* At an end step the way back is Back; before one, it is leaving the wrap-up. */
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->resume_button),
                                  step != NULL && gp_step_get_kind (step) == GP_STEP_KIND_END
                                  ? "session.back" : "session.resume");
  gtk_widget_set_visible (self->resume_button, !ended);
  gtk_widget_set_visible (self->close_button, ended);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->finish_button), "s", gp_outcome_to_string (outcome));

  summary_clear (&summary);
}

/* Hidden, it is brought up to date when shown (gp_end_page_set_session). */
static void
on_event_applied (GpEndPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gp_end_page_update (self);
}

static void
on_run_score_changed (GpEndPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gp_end_page_update (self);
}

void
gp_end_page_set_training_run (GpEndPage     *self,
                              GpTrainingRun *run)
{
  g_return_if_fail (GP_IS_END_PAGE (self));
  g_return_if_fail (run == NULL || GP_IS_TRAINING_RUN (run));

  if (!gp_set_watched_object (&self->run, run, self))
    return;
  if (run != NULL)
    g_signal_connect_object (run, "notify::score", G_CALLBACK (on_run_score_changed), self, G_CONNECT_SWAPPED);
  gp_end_page_update (self);
}

static void
on_score_toggled (GtkToggleButton *button,
                  GpEndPage       *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->score = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "gp-score"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->record_button), "session.satisfaction");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->record_button), "u", self->score);
  gtk_widget_set_sensitive (self->record_button, TRUE);
}

const char *
gp_end_page_get_comment (GpEndPage *self)
{
  g_return_val_if_fail (GP_IS_END_PAGE (self), "");

  return gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
}

void
gp_end_page_set_session (GpEndPage *self,
                         GpSession *session,
                         GpOutcome  outcome)
{
  g_return_if_fail (GP_IS_END_PAGE (self));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_clear_signal_handler (&self->event_handler, self->session);
      g_set_object (&self->session, session);
      if (session != NULL)
        self->event_handler = g_signal_connect_object (session, "event-applied",
                                                       G_CALLBACK (on_event_applied), self, G_CONNECT_SWAPPED);
      gtk_editable_set_text (GTK_EDITABLE (self->comment_row), "");
      for (guint i = 0; i < G_N_ELEMENTS (self->score_buttons); i++)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->score_buttons[i]), FALSE);
      gtk_widget_set_sensitive (self->record_button, FALSE);
    }
  self->outcome = outcome;
  gp_end_page_update (self);
}

static void
gp_end_page_dispose (GObject *object)
{
  GpEndPage *self = GP_END_PAGE (object);

  if (self->session != NULL)
    g_clear_signal_handler (&self->event_handler, self->session);
  g_clear_object (&self->session);
  gp_set_watched_object (&self->run, NULL, self);

  /* The template's top child is the bin's: unparent it once, through the bin. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_END_PAGE);

  G_OBJECT_CLASS (gp_end_page_parent_class)->dispose (object);
}

static void
gp_end_page_class_init (GpEndPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_end_page_dispose;

  g_type_ensure (GP_TYPE_SCORE_REPORT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-end-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpEndPage, name)
  BIND (status_page);
  BIND (summary_list);
  BIND (satisfaction_box);
  BIND (question_label);
  BIND (score_box);
  BIND (comment_row);
  BIND (record_button);
  BIND (thanks_label);
  BIND (journal_label);
  BIND (finish_button);
  BIND (resume_button);
  BIND (close_button);
  BIND (score_report);
  BIND (reply_label);
#undef BIND
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
gp_end_page_init (GpEndPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->score_buttons); i++)
    {
      g_autofree char *label = g_strdup_printf ("%u", i + 1);
      /* Translators: the accessible name of a satisfaction score button */
      g_autofree char *name = g_strdup_printf (_("Score %u out of 5"), i + 1);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (self->score_buttons[0]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), "gp-score", GUINT_TO_POINTER (i + 1));
      g_signal_connect (button, "toggled", G_CALLBACK (on_score_toggled), self);
      gtk_box_append (GTK_BOX (self->score_box), button);
      self->score_buttons[i] = button;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("End of the session"), -1);
}

GtkWidget *
gp_end_page_new (void)
{
  return g_object_new (GP_TYPE_END_PAGE, NULL);
}
