/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-gtk-util.h"

gboolean
gp_set_watched_object (gpointer object_ptr,
                       gpointer object,
                       gpointer watcher)
{
  GObject **slot = object_ptr;

  g_return_val_if_fail (slot != NULL, FALSE);
  g_return_val_if_fail (object == NULL || G_IS_OBJECT (object), FALSE);

  if (*slot == object)
    return FALSE;
  /* Before the reference goes: it may be the last one. */
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_data (*slot, watcher);
  g_set_object (slot, object);
  return TRUE;
}

void
gp_list_box_remove_all (GtkListBox *list)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_LIST_BOX (list));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

void
gp_show_message (GtkWindow  *parent,
                 const char *heading,
                 const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
