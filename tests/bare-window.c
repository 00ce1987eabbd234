/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The baseline of the start-up benchmark: a GtkApplication with one window and a label,
 * nothing else.  With GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1 it quits once the window has
 * painted its first frame, exactly as guidepost does. */
#include <gtk/gtk.h>

#include "gp-first-frame.h"

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  gp_first_frame_quit_after (GTK_WINDOW (window), G_APPLICATION (app));
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
