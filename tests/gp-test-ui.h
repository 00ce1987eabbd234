/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "gp-application.h"
#include "gp-session-view.h"
#include "gp-test-snapshot.h"

G_BEGIN_DECLS

/* Shared by the UI tests: the application, screenshots, windows and what they show. */

/* A non-unique application, registered but not run, that the tested windows belong to:
 * it loads libadwaita and the style sheet, as in the real program. */
GpApplication *gp_test_application_new    (const char    *application_id);

/* Waits until @widget has drawn, then saves it as @name in the tests' build folder. */
void           gp_test_save_png           (GtkWidget     *widget,
                                           const char    *name);

/* Destroys @window and waits until it is finalized: nothing else may hold it. */
void           gp_test_destroy_and_wait   (GtkWidget     *window);

/* Returns: (transfer none): the template child @name of @widget as @type declares it;
 * asserts there is one */
gpointer       gp_test_child              (gpointer       widget,
                                           GType          type,
                                           const char    *name);

/* Returns: (transfer none) (nullable): the first toplevel window of @type, shown or not */
GtkWidget     *gp_test_find_toplevel      (GType          type);

/* Returns: (transfer none) (nullable): the first visible toplevel window of @type */
GtkWidget     *gp_test_shown_toplevel     (GType          type);

/* Waits until the first visible toplevel window of @type is mapped.
 * Returns: (transfer none): that window */
GtkWidget     *gp_test_wait_for_toplevel  (GType          type);

guint          gp_test_count_rows         (GtkListBox    *list);

/* Returns: (transfer none): the session @view shows; asserts it shows one */
GpSession     *gp_test_view_get_session   (GpSessionView *view);

/* Activates @action on @view as its buttons do, and logs it with the step it was at. */
void           gp_test_view_activate      (GpSessionView *view,
                                           const char    *action,
                                           GVariant      *parameter);

G_END_DECLS
