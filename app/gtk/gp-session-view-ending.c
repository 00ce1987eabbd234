/* SPDX-License-Identifier: GPL-3.0-or-later */
/* How a session ends or pauses: escalation and complaints (at any time), wrapping up
 * with the end page and the satisfaction question, ending, and a self-service customer
 * asking for help with a hand-off code. */

#include <glib/gi18n.h>
#include "gp-complaint-dialog.h"
#include "gp-escalation-dialog.h"
#include "gp-session-view-private.h"

static void
on_escalation_response (GpEscalationDialog *dialog,
                        const char         *response,
                        GpSessionView      *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = gp_escalation_dialog_dup_reason (dialog);
  g_autofree char *to = g_strstrip (g_strdup (gp_escalation_dialog_get_to (dialog)));
  g_autofree char *text = NULL;

  if (g_strcmp0 (response, "escalate") != 0 || !gp_session_view_is_open (self))
    return;
  if (!gp_session_escalate (self->session, gp_session_view_actor_for (self->session), to, gp_escalation_dialog_get_priority (dialog),
                            *reason != '\0' ? reason : NULL, &error))
    {
      gp_session_view_report (self, error);
      return;
    }
  text = g_strdup_printf (_("Escalated to %s"), to);
  gp_session_view_toast (self, text);
  /* Escalation ends or pauses the session: offer the ending, with the way back. */
  self->wrapping_up = TRUE;
  gp_session_view_update (self);
}

static void
escalate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  const char *to = NULL, *reason = NULL;
  GpPriority priority = GP_PRIORITY_NORMAL;
  GtkWidget *dialog;

  if (!gp_session_view_is_open (self))
    return;
  gp_session_get_proposed_escalation (self->session, &to, &priority, &reason);
  dialog = gp_escalation_dialog_new (gp_session_view_parent_window (self), to, priority, reason);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_escalation_response), self, 0);
  gp_session_view_show_dialog (self, dialog);
}

static void
on_complaint_response (GpComplaintDialog *dialog,
                       const char        *response,
                       GpSessionView     *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gp_complaint_dialog_get_text (dialog);

  if (g_strcmp0 (response, "log") != 0 || !gp_session_view_is_open (self))
    return;
  if (!gp_session_log_complaint (self->session, gp_session_view_actor_for (self->session), gp_complaint_dialog_get_priority (dialog), text, &error))
    gp_session_view_report (self, error);
  else
    gp_session_view_toast (self, _("Complaint logged"));
}

static void
complaint_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  GtkWidget *dialog;

  if (!gp_session_view_is_open (self))
    return;
  dialog = gp_complaint_dialog_new (gp_session_view_parent_window (self));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_complaint_response), self, 0);
  gp_session_view_show_dialog (self, dialog);
}

static void
wrap_up_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);

  if (!gp_session_view_is_open (self))
    return;
  self->wrapping_up = TRUE;
  gp_session_view_update (self);
}

static void
resume_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);

  self->wrapping_up = FALSE;
  gp_session_view_update (self);
}

static gboolean
outcome_from_string (const char *text,
                     GpOutcome  *outcome)
{
  for (guint i = GP_OUTCOME_COMPLETED; i <= GP_OUTCOME_ABANDONED; i++)
    if (g_strcmp0 (text, gp_outcome_to_string ((GpOutcome) i)) == 0)
      {
        *outcome = (GpOutcome) i;
        return TRUE;
      }
  return FALSE;
}

static void
end_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  GpOutcome outcome;

  if (!gp_session_view_is_open (self))
    return;
  if (!outcome_from_string (g_variant_get_string (parameter, NULL), &outcome))
    {
      g_debug ("No outcome called “%s”", g_variant_get_string (parameter, NULL));
      return;
    }
  if (!gp_session_end (self->session, gp_session_view_actor_for (self->session), outcome, &error))
    gp_session_view_report (self, error);
  self->wrapping_up = FALSE;
  gp_session_view_update (self);
}

static void
satisfaction_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *comment = NULL;

  if (!gp_session_view_is_open (self))
    return;
  comment = g_strstrip (g_strdup (gp_end_page_get_comment (self->end_page)));
  if (!gp_session_record_satisfaction (self->session, gp_session_view_actor_for (self->session), g_variant_get_uint32 (parameter),
                                       *comment != '\0' ? comment : NULL, &error))
    gp_session_view_report (self, error);
}

/* Self-service: the code an agent opens to see everything done so far. */
static void
need_help_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!gp_session_view_is_open (self) || self->journal == NULL)
    return;
  if ((code = gp_handoff_request (self->session, self->journal, &error)) == NULL)
    {
      gp_session_view_report (self, error);
      return;
    }
  /* Translators: %s is a hand-off code such as "K7QM-3XPA" */
  body = g_strdup_printf (_("Call or visit the help desk and give them this code: %s\n\n"
                            "They will see everything you have done so far and can carry on from here with you. "
                            "Your answers on the website are never part of it."), code);
  dialog = adw_message_dialog_new (gp_session_view_parent_window (self), _("Help Is on Its Way"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  g_object_set_data_full (G_OBJECT (dialog), "gp-handoff-code", g_steal_pointer (&code), g_free);
  gp_session_view_show_dialog (self, dialog);
}


void
gp_session_view_ending_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "session.escalate", NULL, escalate_activated);
  gtk_widget_class_install_action (widget_class, "session.complaint", NULL, complaint_activated);
  gtk_widget_class_install_action (widget_class, "session.wrap-up", NULL, wrap_up_activated);
  gtk_widget_class_install_action (widget_class, "session.resume", NULL, resume_activated);
  gtk_widget_class_install_action (widget_class, "session.end", "s", end_activated);
  gtk_widget_class_install_action (widget_class, "session.satisfaction", "u", satisfaction_activated);
  gtk_widget_class_install_action (widget_class, "session.need-help", NULL, need_help_activated);
}
