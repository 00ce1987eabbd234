/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <sys/resource.h>
#include <glib-unix.h>
#include <guidepost/gp-relay.h>

/* guidepost-relay: routes co-browse connections by room for hosts and peers that cannot
 * reach each other.  Logs to stdout; SIGTERM and SIGINT close every connection cleanly. */

static GMainLoop *loop;
static GpRelay *relay;

static void
on_log (GpRelay    *self,
        const char *line,
        gpointer    data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);

  g_print ("%s %s\n", stamp, line);
  fflush (stdout);
}

static gboolean
quit_soon (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
wait_closed (gpointer data)
{
  if (gp_relay_get_n_connections (relay) > 0)
    return G_SOURCE_CONTINUE;
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

static gboolean
on_signal (gpointer data)
{
  on_log (relay, "shutting down", NULL);
  gp_relay_close (relay);
  /* Give the close handshakes a moment, never more than 3 seconds. */
  g_timeout_add (20, wait_closed, NULL);
  g_timeout_add_seconds (3, quit_soon, NULL);
  return G_SOURCE_REMOVE;
}

/* Two sockets per session: the default soft limit (1024) is too low for a busy relay. */
static void
raise_file_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max)
    {
      limit.rlim_cur = limit.rlim_max;
      setrlimit (RLIMIT_NOFILE, &limit);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *address = NULL;
  g_autofree char *cert_file = NULL;
  g_autofree char *key_file = NULL;
  int port = 8765, max_sessions = GP_RELAY_DEFAULT_MAX_SESSIONS;
  gint64 max_message_size = GP_RELAY_DEFAULT_MAX_MESSAGE_SIZE;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Address to listen on (default 127.0.0.1)", "ADDRESS" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port to listen on (0: any free port; default 8765)", "PORT" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &cert_file, "TLS certificate (PEM): serve wss://", "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &key_file, "TLS private key (PEM)", "FILE" },
    { "max-sessions", 0, 0, G_OPTION_ARG_INT, &max_sessions, "Sessions (rooms) at once (default 1000)", "N" },
    { "max-message-size", 0, 0, G_OPTION_ARG_INT64, &max_message_size, "Largest message in bytes (default 16 MiB)", "BYTES" },
    { NULL }
  };

  context = g_option_context_new ("— relay Guidepost co-browse sessions");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("guidepost-relay: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > 65535 || max_sessions < 1 || max_message_size < 1024 ||
      (cert_file == NULL) != (key_file == NULL))
    {
      g_printerr ("guidepost-relay: --port 0–65535, --max-sessions ≥ 1, --max-message-size ≥ 1024, "
                  "and --tls-cert with --tls-key\n");
      return 2;
    }

  raise_file_limit ();
  relay = gp_relay_new ();
  g_signal_connect (relay, "log", G_CALLBACK (on_log), NULL);
  gp_relay_set_limits (relay, (guint) max_sessions, (gsize) max_message_size);
  if (cert_file != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (cert_file, key_file, &error);

      if (certificate == NULL)
        {
          g_printerr ("guidepost-relay: %s\n", error->message);
          return 1;
        }
      gp_relay_set_tls_certificate (relay, certificate);
    }
  if (!gp_relay_listen (relay, address, (guint) port, &error))
    {
      g_printerr ("guidepost-relay: %s\n", error->message);
      return 1;
    }

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, on_signal, NULL);
  g_unix_signal_add (SIGINT, on_signal, NULL);
  g_main_loop_run (loop);
  on_log (relay, "stopped", NULL);
  g_clear_object (&relay);
  g_main_loop_unref (loop);
  return 0;
}
