/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Milliseconds a test waits for anything before it gives up. */
#define GP_TEST_WATCHDOG_MS 10000

typedef gboolean (*GpTestCondition) (gpointer user_data);

/* Has @widget (mapped) draw once more, renders that with its native's renderer and
 * saves the result as PNG.  Iterates the main context while it waits for the drawing. */
gboolean gp_test_snapshot_widget (GtkWidget       *widget,
                                  const char      *png_path,
                                  GError         **error);

/* Iterates the default main context until @condition returns TRUE or @timeout_ms pass.
 * Returns: whether @condition became TRUE */
gboolean gp_test_wait_until      (GpTestCondition  condition,
                                  gpointer         user_data,
                                  guint            timeout_ms);

/* Waits until @widget is mapped and its frame clock has painted (twice, so that a
 * layout that changed during the first paint settles), at most @timeout_ms. */
gboolean gp_test_wait_for_draw   (GtkWidget       *widget,
                                  guint            timeout_ms);

/* Iterates until @weak_pointer (set up with g_object_add_weak_pointer) is NULL. */
gboolean gp_test_wait_for_finalize (gpointer      *weak_pointer,
                                    guint          timeout_ms);

/* g_test_init() with isolated directories, then gtk_init(), bringing back only what the
 * isolation hides that GTK needs: the MIME database (SVG icons), the system GSettings
 * schemas beside ours (libadwaita looks one up) and the icon themes.  Animations off so
 * screenshots show final states. */
void     gp_test_init_gtk        (int    *argc,
                                  char ***argv);

G_END_DECLS
