/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-gtk-util.h"
#include "gp-write-file.h"

GtkFileChooserNative *
gp_save_chooser_new (GtkWindow  *parent,
                     const char *title,
                     const char *accept_label,
                     const char *name_stem,
                     const char *filter_name,
                     const char *mime_type,
                     const char *suffix)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = g_strdup_printf ("%s-%s.%s", name_stem, date, suffix);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  gtk_file_filter_add_suffix (filter, suffix);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  return chooser;
}

gboolean
gp_write_file (GtkWindow        *parent,
               AdwToastOverlay  *toasts,
               GFile            *file,
               GpWriteFunc       write,
               gpointer          user_data,
               const char       *done_title,
               const char       *failed_heading,
               GError          **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (write != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local_error);
  if (out != NULL &&
      write (G_OUTPUT_STREAM (out), user_data, &local_error) &&
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &local_error))
    {
      adw_toast_overlay_add_toast (toasts, adw_toast_new (done_title));
      return TRUE;
    }

  gp_show_message (parent, failed_heading, local_error->message);

  /* A stream not closed leaves a partial file behind: the replace is then abandoned. */
  if (out != NULL && !g_output_stream_is_closed (G_OUTPUT_STREAM (out)))
    {
      g_autoptr(GCancellable) cancelled = g_cancellable_new ();

      g_cancellable_cancel (cancelled);
      g_output_stream_close (G_OUTPUT_STREAM (out), cancelled, NULL);
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
