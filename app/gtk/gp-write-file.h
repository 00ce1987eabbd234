/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The dialog Export and Save open first: modal on @parent, proposing the name
 * “@name_stem-YYYY-MM-DD.@suffix” (today) and showing only such files, as @filter_name.
 * Returns: (transfer full): the dialog, not shown yet */
GtkFileChooserNative *gp_save_chooser_new (GtkWindow  *parent,
                                           const char *title,
                                           const char *accept_label,
                                           const char *name_stem,
                                           const char *filter_name,
                                           const char *mime_type,
                                           const char *suffix);

/* Writes the whole document to @out (not closed). */
typedef gboolean (*GpWriteFunc) (GOutputStream  *out,
                                 gpointer        user_data,
                                 GError        **error);

/* What Export and Save do once a file is chosen: @file is replaced only when @write
 * finished (a failed write leaves the old file as it was).  On success a toast
 * @done_title on @toasts; on failure a dialog on @parent, headed @failed_heading (which
 * names the file), says why.  Returns: FALSE with @error set when it failed */
gboolean gp_write_file (GtkWindow        *parent,
                        AdwToastOverlay  *toasts,
                        GFile            *file,
                        GpWriteFunc       write,
                        gpointer          user_data,
                        const char       *done_title,
                        const char       *failed_heading,
                        GError          **error);

G_END_DECLS
