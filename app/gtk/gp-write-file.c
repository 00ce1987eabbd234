/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-write-file.h"

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
  GtkWidget *dialog;

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

  dialog = adw_message_dialog_new (parent, failed_heading, local_error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));

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
