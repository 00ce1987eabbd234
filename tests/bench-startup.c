/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up to the first frame of the main window, as a ratio to a bare GTK window.
 *
 * Usage: bench-startup GUIDEPOST BARE_WINDOW (meson passes both; run it with
 * `xvfb-run -a meson test -C _build --benchmark startup`).
 *
 * Both programs honour GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1: they quit after the first
 * "after-paint" of their window's frame clock, so the wall time of the whole process
 * is the time to the first frame plus a short exit.  Guidepost runs with the bundled
 * flows plus 50 generated ones in a temporary XDG_DATA_HOME/guidepost/flows.  The two
 * programs alternate, N_RUNS each, after one warm-up run of each; prints medians and
 * `startup ratio: X` (target ≤ 1.5).  Without a session bus it starts a private one, so
 * that both applications register the same way. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#define N_RUNS 9
#define N_GENERATED_FLOWS 50
#define SOURCE_FLOW "regain-online-banking.en-GB.json"

static void
write_generated_flows (const char *flows_dir)
{
  const char *source_root = g_getenv ("GUIDEPOST_SOURCE_ROOT");
  g_autofree char *source = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (source_root);
  source = g_build_filename (source_root, "flows", SOURCE_FLOW, NULL);
  json_parser_load_from_file (parser, source, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < N_GENERATED_FLOWS; i++)
    {
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *id = g_strdup_printf ("generated-flow-%02u", i);
      g_autofree char *title = g_strdup_printf ("Generated flow number %u", i);
      g_autofree char *name = g_strdup_printf ("%s.en-GB.json", id);
      g_autofree char *path = g_build_filename (flows_dir, name, NULL);

      json_object_set_string_member (root, "id", id);
      json_object_set_string_member (root, "title", title);
      json_generator_set_root (generator, json_parser_get_root (parser));
      json_generator_to_file (generator, path, &error);
      g_assert_no_error (error);
    }
}

static double
run_once (const char *program,
          char      **envp)
{
  const char *argv[] = { program, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start;
  int status;

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", program, error->message, err);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* Returns: the pid of a private session bus, or 0 when there already is one. */
static GPid
ensure_session_bus (char ***envp)
{
  const char *argv[] = { "dbus-daemon", "--session", "--nofork", "--print-address=1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *address = NULL;
  GPid pid;
  int out;

  if (g_environ_getenv (*envp, "DBUS_SESSION_BUS_ADDRESS") != NULL)
    return 0;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                                 &pid, NULL, &out, NULL, &error))
    {
      g_printerr ("No session bus and no dbus-daemon (%s): the applications register without one\n",
                  error->message);
      return 0;
    }

  channel = g_io_channel_unix_new (out);
  g_io_channel_set_close_on_unref (channel, TRUE);
  g_io_channel_read_line (channel, &address, NULL, NULL, &error);
  g_assert_no_error (error);
  g_strchomp (address);
  *envp = g_environ_setenv (*envp, "DBUS_SESSION_BUS_ADDRESS", address, TRUE);
  return pid;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *flows_dir = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  double app_ms[N_RUNS], bare_ms[N_RUNS];
  double app_median, bare_median;
  GPid bus;

  if (argc != 3)
    {
      g_printerr ("Usage: %s GUIDEPOST BARE_WINDOW\n", argv[0]);
      return 2;
    }

  data_home = g_dir_make_tmp ("guidepost-bench-startup-XXXXXX", &error);
  g_assert_no_error (error);
  flows_dir = g_build_filename (data_home, "guidepost", "flows", NULL);
  g_assert_cmpint (g_mkdir_with_parents (flows_dir, 0700), ==, 0);
  write_generated_flows (flows_dir);

  envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
  envp = g_environ_setenv (envp, "GUIDEPOST_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  bus = ensure_session_bus (&envp);

  /* Warm-up: the journal is created, caches are filled. */
  run_once (argv[1], envp);
  run_once (argv[2], envp);

  for (guint i = 0; i < N_RUNS; i++)
    {
      app_ms[i] = run_once (argv[1], envp);
      bare_ms[i] = run_once (argv[2], envp);
    }

  app_median = median (app_ms, N_RUNS);
  bare_median = median (bare_ms, N_RUNS);
  g_print ("guidepost with %u extra flows, median of %u: %.1f ms\n", N_GENERATED_FLOWS, N_RUNS, app_median);
  g_print ("bare GTK window, median of %u: %.1f ms\n", N_RUNS, bare_median);
  g_print ("startup ratio: %.2f\n", app_median / bare_median);

  if (bus != 0)
    {
      kill (bus, SIGTERM);
      g_spawn_close_pid (bus);
    }

  {
    const char *rm_argv[] = { "rm", "-rf", data_home, NULL };

    g_spawn_sync (NULL, (char **) rm_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }

  return 0;
}
