/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <glib-unix.h>
#include <guidepost/guidepost.h>

/* A host for tests in other processes and languages: hosts a flow on 127.0.0.1, admits
 * every peer, and prints one JSON line per join code: {"uri": ..., "code": ...}.  Runs
 * until stdin closes or SIGTERM. */

static GMainLoop *loop;

static void
print_code (GpCobrowseHost *host)
{
  g_print ("{\"uri\": \"%s\", \"code\": \"%s\"}\n", gp_cobrowse_host_get_uri (host),
           gp_cobrowse_host_new_code (host));
  fflush (stdout);
}

static void
on_knock (GpCobrowseHost *host, GpCobrowsePeerInfo *info, gpointer data)
{
  gp_cobrowse_host_answer_knock (host, info, TRUE);
  print_code (host);
}

static gboolean
on_stdin (gint fd, GIOCondition condition, gpointer data)
{
  char buffer[256];

  if (read (fd, buffer, sizeof buffer) <= 0)
    {
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
on_term (gpointer data)
{
  g_main_loop_quit (loop);
  return G_SOURCE_REMOVE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GpFlow) flow = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autoptr(GpCobrowseHost) host = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s FLOW.json\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  flow = gp_flow_load_file (file, NULL, NULL, &error);
  if (flow == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  session = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "test", GP_FAMILIARITY_NEW, "test", NULL);
  host = gp_cobrowse_host_new (session);
  if (!gp_cobrowse_host_listen (host, NULL, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_signal_connect (host, "peer-knocking", G_CALLBACK (on_knock), NULL);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP, on_stdin, NULL);
  g_unix_signal_add (SIGTERM, on_term, NULL);
  print_code (host);
  g_main_loop_run (loop);
  gp_cobrowse_host_close (host);
  g_main_loop_unref (loop);
  return 0;
}
