/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* For the start-up benchmark (tests/bench-startup.c), shared by guidepost and the bare
 * reference windows it is compared with, so that all of them stop the clock the same
 * way.  Header only: the references link nothing of Guidepost. */

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Set to 1 to quit once the main window has painted its first frame. */
#define GP_EXIT_AFTER_FIRST_FRAME_ENV "GUIDEPOST_EXIT_AFTER_FIRST_FRAME"

static inline void
gp_first_frame_on_after_paint (GdkFrameClock *frame_clock,
                               GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, (gpointer) gp_first_frame_on_after_paint, app);
  /* The benchmark measures to this moment; the monotonic clock is the system's, so it
   * compares with the time the benchmark started the process. */
  g_print ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static inline void
gp_first_frame_on_realize (GtkWidget    *window,
                           GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (gp_first_frame_on_after_paint), app, 0);
}

/* With GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1, once @window has painted its first frame:
 * prints `first-frame-monotonic-us: T` on standard output and quits @app. */
static inline void
gp_first_frame_quit_after (GtkWindow    *window,
                           GApplication *app)
{
  if (g_strcmp0 (g_getenv (GP_EXIT_AFTER_FIRST_FRAME_ENV), "1") == 0)
    g_signal_connect_object (window, "realize", G_CALLBACK (gp_first_frame_on_realize), app, 0);
}

G_END_DECLS
