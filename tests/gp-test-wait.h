/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

/* Waiting in tests that run a main loop (co-browse over loopback): every wait has a
 * watchdog of WATCHDOG_S seconds (a test may define it before including this), and
 * nothing is asserted about how long anything takes. */

#ifndef WATCHDOG_S
#define WATCHDOG_S 15
#endif

static gboolean G_GNUC_UNUSED
gp_test_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(cond) G_STMT_START {                                              \
    gint64 _end = g_get_monotonic_time () + WATCHDOG_S * G_USEC_PER_SEC;           \
    guint _wake = g_timeout_add (20, gp_test_wake, NULL);                          \
    while (!(cond))                                                                \
      {                                                                            \
        if (g_get_monotonic_time () > _end)                                        \
          g_error ("watchdog: timed out waiting for %s", #cond);                   \
        g_main_context_iteration (NULL, TRUE);                                     \
      }                                                                            \
    g_source_remove (_wake);                                                       \
  } G_STMT_END

/* Lets pending messages be handled for @ms milliseconds. */
static void G_GNUC_UNUSED
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;
  guint id = g_timeout_add (10, gp_test_wake, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}
