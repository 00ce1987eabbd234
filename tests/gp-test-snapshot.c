/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-test-snapshot.h"

static void
on_invalidate_contents (GdkPaintable *paintable,
                        gpointer      user_data)
{
  gboolean *invalidated = user_data;

  *invalidated = TRUE;
}

static gboolean
is_true (gpointer user_data)
{
  return *(gboolean *) user_data;
}

gboolean
gp_test_snapshot_widget (GtkWidget   *widget,
                         const char  *png_path,
                         GError     **error)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GskRenderer *renderer;
  gboolean invalidated = FALSE;
  int width;
  int height;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (png_path != NULL, FALSE);

  native = gtk_widget_get_native (widget);
  renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);

  if (renderer == NULL || !gtk_widget_get_mapped (widget) || width <= 0 || height <= 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot snapshot a %s that is not shown (mapped: %d, %d×%d)",
                   G_OBJECT_TYPE_NAME (widget), gtk_widget_get_mapped (widget), width, height);
      return FALSE;
    }

  /* A widget paintable holds an image of what the widget drew since the paintable was
   * made: have it draw once more. */
  paintable = gtk_widget_paintable_new (widget);
  g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (on_invalidate_contents), &invalidated);
  gtk_widget_queue_draw (widget);
  if (!gp_test_wait_until (is_true, &invalidated, GP_TEST_WATCHDOG_MS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "%s did not draw within %u ms", G_OBJECT_TYPE_NAME (widget), GP_TEST_WATCHDOG_MS);
      return FALSE;
    }

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s drew nothing", G_OBJECT_TYPE_NAME (widget));
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, png_path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", png_path);
      return FALSE;
    }

  return TRUE;
}

static gboolean
on_watchdog (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
gp_test_wait_until (GpTestCondition condition,
                    gpointer        user_data,
                    guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint watchdog_id;

  if (condition (user_data))
    return TRUE;

  watchdog_id = g_timeout_add (timeout_ms, on_watchdog, &timed_out);
  while (!timed_out && !condition (user_data))
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (watchdog_id);

  return condition (user_data);
}

typedef struct {
  GtkWidget *widget;
  guint      paints;
  gulong     handler_id;
  GdkFrameClock *clock;
} DrawWait;

static void
on_after_paint (GdkFrameClock *clock,
                gpointer       user_data)
{
  DrawWait *wait = user_data;

  wait->paints++;
  /* Keep painting until we have seen enough frames. */
  gtk_widget_queue_draw (wait->widget);
}

static gboolean
is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static gboolean
painted_twice (gpointer user_data)
{
  DrawWait *wait = user_data;

  return wait->paints >= 2;
}

gboolean
gp_test_wait_for_draw (GtkWidget *widget,
                       guint      timeout_ms)
{
  DrawWait wait = { .widget = widget };
  gboolean ok;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (!gp_test_wait_until (is_mapped, widget, timeout_ms))
    return FALSE;

  wait.clock = gtk_widget_get_frame_clock (widget);
  if (wait.clock == NULL)
    return FALSE;

  wait.handler_id = g_signal_connect (wait.clock, "after-paint", G_CALLBACK (on_after_paint), &wait);
  gtk_widget_queue_draw (widget);
  ok = gp_test_wait_until (painted_twice, &wait, timeout_ms);
  g_signal_handler_disconnect (wait.clock, wait.handler_id);

  return ok;
}

static gboolean
is_null (gpointer user_data)
{
  gpointer *pointer = user_data;

  return *pointer == NULL;
}

gboolean
gp_test_wait_for_finalize (gpointer *weak_pointer,
                           guint     timeout_ms)
{
  return gp_test_wait_until (is_null, weak_pointer, timeout_ms);
}

void
gp_test_init_gtk (int    *argc,
                  char ***argv)
{
  g_auto(GStrv) system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  g_autofree char *schema_dirs = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  GtkIconTheme *icon_theme;

  g_content_type_set_mime_dirs (NULL);
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *schemas = g_build_filename (system_dirs[i], "glib-2.0", "schemas", NULL);

      if (g_file_test (schemas, G_FILE_TEST_IS_DIR))
        {
          /* Our own schema (GSETTINGS_SCHEMA_DIR from meson) stays in the path. */
          g_autofree char *dirs = schema_dirs != NULL
                                  ? g_strjoin (G_SEARCHPATH_SEPARATOR_S, schema_dirs, schemas, NULL)
                                  : g_strdup (schemas);

          g_setenv ("GSETTINGS_SCHEMA_DIR", dirs, TRUE);
          break;
        }
    }

  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();

  icon_theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *icons = g_build_filename (system_dirs[i], "icons", NULL);

      gtk_icon_theme_add_search_path (icon_theme, icons);
    }

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}
