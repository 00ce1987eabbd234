/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-complaint-dialog.h"
#include "gp-priority-row.h"
#include "gp-text-card.h"

struct _GpComplaintDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *priority_row;
  GtkTextView      *text_view;
};

G_DEFINE_FINAL_TYPE (GpComplaintDialog, gp_complaint_dialog, ADW_TYPE_MESSAGE_DIALOG)

char *
gp_complaint_dialog_get_text (GpComplaintDialog *self)
{
  g_return_val_if_fail (GP_IS_COMPLAINT_DIALOG (self), NULL);

  return gp_text_view_dup_stripped_text (self->text_view);
}

void
gp_complaint_dialog_set_text (GpComplaintDialog *self,
                              const char        *text)
{
  g_return_if_fail (GP_IS_COMPLAINT_DIALOG (self));

  gp_text_view_set_text (self->text_view, text);
}

GpPriority
gp_complaint_dialog_get_priority (GpComplaintDialog *self)
{
  g_return_val_if_fail (GP_IS_COMPLAINT_DIALOG (self), GP_PRIORITY_NORMAL);

  return gp_priority_row_get_priority (self->priority_row);
}

static void
on_text_changed (GpComplaintDialog *self)
{
  g_autofree char *text = gp_complaint_dialog_get_text (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log", *text != '\0');
}

static void
gp_complaint_dialog_class_init (GpComplaintDialogClass *klass)
{
}

static void
gp_complaint_dialog_init (GpComplaintDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *text_card;

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Log a Complaint"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Write the complaint down in the customer’s own words. It is kept with the session."));

  self->priority_row = ADW_COMBO_ROW (gp_priority_row_new ());
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->priority_row));

  text_card = gp_text_card_new (_("The complaint"), &self->text_view);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->text_view), "changed",
                            G_CALLBACK (on_text_changed), self);

  gtk_box_append (GTK_BOX (box), text_card);
  gtk_box_append (GTK_BOX (box), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "log", _("_Log Complaint"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "log", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
  on_text_changed (self);
}

GtkWidget *
gp_complaint_dialog_new (GtkWindow *parent)
{
  return g_object_new (GP_TYPE_COMPLAINT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
