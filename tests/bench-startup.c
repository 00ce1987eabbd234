/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Start-up to the first frame of the main window, as a ratio to a bare GTK window.
 *
 * Usage: bench-startup GUIDEPOST BARE_WINDOW BARE_ADWAITA_WINDOW (meson passes all three;
 * run it with `xvfb-run -a meson test -C _build --benchmark startup`).
 *
 * Every program honours GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1: after the first
 * "after-paint" of its window's frame clock it prints `first-frame-monotonic-us: T`
 * (the system's monotonic clock) and quits.  Start-up is the time from just before the
 * process is spawned to T.  `startup ratio: X` (target ≤ 1.5) is Guidepost's median over
 * the bare GTK window's.  The whole process, exit included, is measured too
 * (`whole-process ratio`), for comparison with figures taken before the programs
 * reported their first frame.
 *
 * Two references say how much of the ratio the toolkit takes before Guidepost adds
 * anything: a bare Adwaita window (header bar and a label), and an Adwaita window with a
 * search entry and a boxed list of N_REFERENCE_ROWS plain action rows, about what the
 * library's first screen holds.
 *
 * Guidepost runs with the bundled flows plus 50 generated ones in a temporary
 * XDG_DATA_HOME/guidepost/flows.  The programs alternate, N_RUNS each, after one warm-up
 * run of each.  Without a session bus it starts a private one, so that every application
 * registers the same way. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#define N_RUNS 9
#define N_REFERENCE_ROWS "10"
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

typedef struct
{
  double first_frame_ms;
  double whole_ms;
} StartupTime;

static StartupTime
run_once (const char * const *argv,
          char              **envp)
{
  const char *program = argv[0];
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;
  gint64 start, first_frame;
  StartupTime time;
  int status;

  start = g_get_monotonic_time ();
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &out, &err, &status, &error);
  time.whole_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", program, error->message, err);

  line = strstr (out, "first-frame-monotonic-us: ");
  if (line == NULL)
    g_error ("%s did not report its first frame; its output was:\n%s%s", program, out, err);
  first_frame = g_ascii_strtoll (line + strlen ("first-frame-monotonic-us: "), NULL, 10);
  g_assert_cmpint (first_frame, >, start);
  time.first_frame_ms = (first_frame - start) / 1000.0;

  return time;
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

enum { GUIDEPOST, BARE_GTK, BARE_ADWAITA, ADWAITA_LIST, N_PROGRAMS };

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *flows_dir = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  g_autoptr(GError) error = NULL;
  double first_frame_ms[N_PROGRAMS][N_RUNS], whole_ms[N_PROGRAMS][N_RUNS];
  double first_frame[N_PROGRAMS], whole[N_PROGRAMS];
  GPid bus;

  if (argc != 4)
    {
      g_printerr ("Usage: %s GUIDEPOST BARE_WINDOW BARE_ADWAITA_WINDOW\n", argv[0]);
      return 2;
    }

  {
    const char * const programs[N_PROGRAMS][4] = {
      [GUIDEPOST] = { argv[1], NULL },
      [BARE_GTK] = { argv[2], NULL },
      [BARE_ADWAITA] = { argv[3], NULL },
      [ADWAITA_LIST] = { argv[3], "--rows", N_REFERENCE_ROWS, NULL },
    };

    data_home = g_dir_make_tmp ("guidepost-bench-startup-XXXXXX", &error);
    g_assert_no_error (error);
    flows_dir = g_build_filename (data_home, "guidepost", "flows", NULL);
    g_assert_cmpint (g_mkdir_with_parents (flows_dir, 0700), ==, 0);
    write_generated_flows (flows_dir);

    envp = g_environ_setenv (envp, "XDG_DATA_HOME", data_home, TRUE);
    envp = g_environ_setenv (envp, "GUIDEPOST_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
    bus = ensure_session_bus (&envp);

    /* Warm-up: the journal is created, caches are filled. */
    for (guint p = 0; p < N_PROGRAMS; p++)
      run_once (programs[p], envp);

    for (guint i = 0; i < N_RUNS; i++)
      for (guint p = 0; p < N_PROGRAMS; p++)
        {
          StartupTime time = run_once (programs[p], envp);

          first_frame_ms[p][i] = time.first_frame_ms;
          whole_ms[p][i] = time.whole_ms;
        }
  }

  for (guint p = 0; p < N_PROGRAMS; p++)
    {
      first_frame[p] = median (first_frame_ms[p], N_RUNS);
      whole[p] = median (whole_ms[p], N_RUNS);
    }

  g_print ("to the first frame, median of %u:\n", N_RUNS);
  g_print ("  guidepost with %u extra flows: %.1f ms\n", N_GENERATED_FLOWS, first_frame[GUIDEPOST]);
  g_print ("  bare GTK window: %.1f ms\n", first_frame[BARE_GTK]);
  g_print ("  bare Adwaita window: %.1f ms\n", first_frame[BARE_ADWAITA]);
  g_print ("  Adwaita window with %s plain rows: %.1f ms\n", N_REFERENCE_ROWS, first_frame[ADWAITA_LIST]);
  g_print ("startup ratio: %.2f\n", first_frame[GUIDEPOST] / first_frame[BARE_GTK]);
  g_print ("bare Adwaita window ratio: %.2f\n", first_frame[BARE_ADWAITA] / first_frame[BARE_GTK]);
  g_print ("Adwaita list ratio: %.2f\n", first_frame[ADWAITA_LIST] / first_frame[BARE_GTK]);
  g_print ("guidepost to Adwaita list: %.2f\n", first_frame[GUIDEPOST] / first_frame[ADWAITA_LIST]);
  g_print ("whole process, exit included, medians: guidepost %.1f ms, bare GTK %.1f ms\n",
           whole[GUIDEPOST], whole[BARE_GTK]);
  g_print ("whole-process ratio: %.2f\n", whole[GUIDEPOST] / whole[BARE_GTK]);

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
