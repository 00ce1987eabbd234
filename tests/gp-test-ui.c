/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-ui.h"

GpApplication *
gp_test_application_new (const char *application_id)
{
  g_autoptr(GError) error = NULL;
  GpApplication *app = g_object_new (GP_TYPE_APPLICATION,
                                     "application-id", application_id,
                                     "flags", G_APPLICATION_NON_UNIQUE,
                                     NULL);

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

void
gp_test_save_png (GtkWidget  *widget,
                  const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_test_wait_for_draw (widget, GP_TEST_WATCHDOG_MS));
  gp_test_snapshot_widget (widget, path, &error);
  g_assert_no_error (error);
  g_test_message ("Screenshot: %s", path);
}

void
gp_test_destroy_and_wait (GtkWidget *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (gp_test_wait_for_finalize (&weak, GP_TEST_WATCHDOG_MS));
}

gpointer
gp_test_child (gpointer    widget,
               GType       type,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static GtkWidget *
first_toplevel (GType    type,
                gboolean visible_only)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      /* The list of toplevels keeps it. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && (!visible_only || gtk_widget_get_visible (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
gp_test_find_toplevel (GType type)
{
  return first_toplevel (type, FALSE);
}

GtkWidget *
gp_test_shown_toplevel (GType type)
{
  return first_toplevel (type, TRUE);
}

typedef struct {
  GType      type;
  GtkWidget *found;
} FindToplevel;

static gboolean
toplevel_shown (gpointer user_data)
{
  FindToplevel *find = user_data;

  find->found = gp_test_shown_toplevel (find->type);
  return find->found != NULL && gtk_widget_get_mapped (find->found);
}

GtkWidget *
gp_test_wait_for_toplevel (GType type)
{
  FindToplevel find = { type, NULL };

  g_assert_true (gp_test_wait_until (toplevel_shown, &find, GP_TEST_WATCHDOG_MS));
  return find.found;
}

guint
gp_test_count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

GpSession *
gp_test_view_get_session (GpSessionView *view)
{
  GpSession *session = gp_session_view_get_session (view);

  g_assert_nonnull (session);
  return session;
}

void
gp_test_view_activate (GpSessionView *view,
                       const char    *action,
                       GVariant      *parameter)
{
  GpSession *session = gp_session_view_get_session (view);
  g_autofree char *text = parameter != NULL ? g_variant_print (parameter, FALSE) : NULL;

  g_test_message ("%s %s at %s", action, text != NULL ? text : "",
                  session != NULL ? gp_step_get_id (gp_session_get_current_step (session)) : "intake");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (view), action, parameter));
}
