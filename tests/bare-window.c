/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline of the start-up benchmark: a GtkApplication with one window and a label,
 * nothing else.  With GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1 it quits once the window has
 * painted its first frame, exactly as guidepost does. */
#include <gtk/gtk.h>

static void
on_after_paint (GdkFrameClock  *frame_clock,
                GApplication   *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, on_after_paint, app);
  g_print ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
on_realize (GtkWidget    *window,
            GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), app);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  if (g_strcmp0 (g_getenv ("GUIDEPOST_EXIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_signal_connect (window, "realize", G_CALLBACK (on_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.guidepost.BareWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
