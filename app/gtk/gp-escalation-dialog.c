/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-escalation-dialog.h"
#include "gp-priority-row.h"
#include "gp-text-card.h"

struct _GpEscalationDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *to_row;
  AdwComboRow      *priority_row;
  /* A reason can take a few sentences: what was tried, what the customer needs. */
  GtkTextView      *reason_view;
};

G_DEFINE_FINAL_TYPE (GpEscalationDialog, gp_escalation_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_to_changed (GpEscalationDialog *self)
{
  const char *to = gtk_editable_get_text (GTK_EDITABLE (self->to_row));
  g_autofree char *stripped = g_strstrip (g_strdup (to));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "escalate", *stripped != '\0');
}

const char *
gp_escalation_dialog_get_to (GpEscalationDialog *self)
{
  g_return_val_if_fail (GP_IS_ESCALATION_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->to_row));
}

void
gp_escalation_dialog_set_to (GpEscalationDialog *self,
                             const char         *to)
{
  g_return_if_fail (GP_IS_ESCALATION_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to != NULL ? to : "");
}

GpPriority
gp_escalation_dialog_get_priority (GpEscalationDialog *self)
{
  g_return_val_if_fail (GP_IS_ESCALATION_DIALOG (self), GP_PRIORITY_NORMAL);

  return gp_priority_row_get_priority (self->priority_row);
}

char *
gp_escalation_dialog_dup_reason (GpEscalationDialog *self)
{
  g_return_val_if_fail (GP_IS_ESCALATION_DIALOG (self), NULL);

  return gp_text_view_dup_stripped_text (self->reason_view);
}

void
gp_escalation_dialog_set_reason (GpEscalationDialog *self,
                                 const char         *reason)
{
  g_return_if_fail (GP_IS_ESCALATION_DIALOG (self));

  gp_text_view_set_text (self->reason_view, reason);
}

static void
gp_escalation_dialog_class_init (GpEscalationDialogClass *klass)
{
}

static void
gp_escalation_dialog_init (GpEscalationDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *reason_label = gtk_label_new_with_mnemonic (_("_Reason (optional)"));

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Escalate the Session?"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Pass the session on, with what was done so far. You can still end it or go on afterwards."));

  self->to_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("To (team or person)"));
  g_signal_connect_swapped (self->to_row, "changed", G_CALLBACK (on_to_changed), self);
  self->priority_row = ADW_COMBO_ROW (gp_priority_row_new ());

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->to_row));
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->priority_row));
  gtk_box_append (GTK_BOX (box), list);

  gtk_label_set_xalign (GTK_LABEL (reason_label), 0);
  gtk_widget_set_margin_top (reason_label, 12);
  gtk_widget_add_css_class (reason_label, "heading");
  gtk_box_append (GTK_BOX (box), reason_label);
  gtk_box_append (GTK_BOX (box), gp_text_card_new (_("Reason"), &self->reason_view));
  gtk_label_set_mnemonic_widget (GTK_LABEL (reason_label), GTK_WIDGET (self->reason_view));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "escalate", _("_Escalate"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "escalate", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "escalate");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  on_to_changed (self);
}

GtkWidget *
gp_escalation_dialog_new (GtkWindow  *parent,
                          const char *to,
                          GpPriority  priority,
                          const char *reason)
{
  GpEscalationDialog *self = g_object_new (GP_TYPE_ESCALATION_DIALOG,
                                           "transient-for", parent,
                                           "modal", TRUE,
                                           NULL);

  gp_escalation_dialog_set_to (self, to);
  adw_combo_row_set_selected (self->priority_row, (guint) priority);
  gp_escalation_dialog_set_reason (self, reason);
  return GTK_WIDGET (self);
}
