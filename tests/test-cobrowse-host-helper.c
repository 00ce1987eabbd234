/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <glib-unix.h>
#include <guidepost/guidepost.h>

/* A host for tests in other processes and languages: hosts a flow on 127.0.0.1 (and, with
 * --relay URI, in a room of that relay), admits every peer, and prints one JSON line per
 * join code: {"uri": ..., "code": ...}.  With --drive, once the first peer is in it walks
 * the flow to its end as the agent (first choice, checks passed), then prints every event
 * of the session as {"event": ...} lines and {"done": true}.  With --pause-at N (once or
 * more) it stops driving once the session has N events, prints {"paused": n_events} and
 * goes on when a line arrives on stdin.  When a peer's connection comes or goes it prints
 * {"peer": NAME, "connected": true|false}.  Runs until stdin closes or SIGTERM. */

static GMainLoop *loop;
static gboolean drive;
static gboolean driving;
static gboolean use_relay;
static GpSession *driven;
static guint pause_at[8];
static guint n_pauses;
static guint next_pause;
static gboolean paused;

static void
print_code (GpCobrowseHost *host)
{
  g_print ("{\"uri\": \"%s\", \"code\": \"%s\"}\n",
           use_relay ? gp_cobrowse_host_get_relay_uri (host) : gp_cobrowse_host_get_uri (host),
           gp_cobrowse_host_new_code (host));
  fflush (stdout);
}

static void
print_events (GpSession *session)
{
  GListModel *events = gp_session_get_events (session);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonNode) node = gp_event_to_json (event);
      g_autofree char *text = NULL;

      json_generator_set_root (generator, node);
      text = json_generator_to_data (generator, NULL);
      g_print ("{\"event\": %s}\n", text);
    }
  g_print ("{\"done\": true}\n");
  fflush (stdout);
}

/* One move of the agent along the flow; FALSE once the session has ended. */
static gboolean
drive_step (gpointer data)
{
  GpSession *session = data;
  GpStep *step = gp_session_get_current_step (session);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (gp_session_get_ended (session))
    {
      print_events (session);
      return G_SOURCE_REMOVE;
    }
  if (next_pause < n_pauses && gp_session_get_n_events (session) >= pause_at[next_pause])
    {
      next_pause++;
      paused = TRUE;
      g_print ("{\"paused\": %u}\n", gp_session_get_n_events (session));
      fflush (stdout);
      return G_SOURCE_REMOVE;
    }

  switch (gp_step_get_kind (step))
    {
    case GP_STEP_KIND_QUESTION:
      ok = gp_session_choose (session, GP_ACTOR_AGENT, 0, &error);
      break;
    case GP_STEP_KIND_END:
      ok = gp_session_end (session, GP_ACTOR_AGENT, gp_step_get_outcome (step), &error);
      break;
    case GP_STEP_KIND_IDENTITY_CHECK:
      ok = TRUE;
      for (guint c = 0; ok && gp_step_get_checks (step)[c] != NULL; c++)
        ok = gp_session_pass_check (session, GP_ACTOR_AGENT, c, &error);
      if (ok)
        ok = gp_session_next (session, GP_ACTOR_AGENT, &error);
      break;
    case GP_STEP_KIND_SCREEN:
    case GP_STEP_KIND_INFO:
    default:
      ok = gp_session_next (session, GP_ACTOR_AGENT, &error);
      break;
    }
  if (!ok)
    {
      g_printerr ("drive: %s\n", error->message);
      g_main_loop_quit (loop);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
on_n_peers (GpCobrowseHost *host,
            GParamSpec     *pspec,
            GpSession      *session)
{
  guint n_peers = 0;

  /* Start once the first peer is in, so it sees the flow go by live. */
  g_object_get (host, "n-peers", &n_peers, NULL);
  if (drive && !driving && n_peers > 0)
    {
      driving = TRUE;
      g_timeout_add (20, drive_step, session);
    }
}

static void
on_connected (GpCobrowsePeerInfo *info, GParamSpec *pspec, gpointer data)
{
  g_autoptr(JsonNode) name = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  json_node_set_string (name, gp_cobrowse_peer_info_get_name (info));
  text = json_to_string (name, FALSE);
  g_print ("{\"peer\": %s, \"connected\": %s}\n", text,
           gp_cobrowse_peer_info_get_connected (info) ? "true" : "false");
  fflush (stdout);
}

static void
on_knock (GpCobrowseHost *host, GpCobrowsePeerInfo *info, gpointer data)
{
  g_signal_connect (info, "notify::connected", G_CALLBACK (on_connected), NULL);
  gp_cobrowse_host_answer_knock (host, info, TRUE);
  print_code (host);
}

static gboolean
wait_for_room (gpointer data)
{
  GpCobrowseHost *host = data;

  if (gp_cobrowse_host_get_relay_uri (host) == NULL)
    return G_SOURCE_CONTINUE;
  print_code (host);
  return G_SOURCE_REMOVE;
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
  if (paused)
    {
      paused = FALSE;
      g_timeout_add (20, drive_step, driven);
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

  const char *relay = NULL;
  const char *flow_path = NULL;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--drive"))
        drive = TRUE;
      else if (g_str_equal (argv[i], "--relay") && i + 1 < argc)
        relay = argv[++i];
      else if (g_str_equal (argv[i], "--pause-at") && i + 1 < argc && n_pauses < G_N_ELEMENTS (pause_at))
        pause_at[n_pauses++] = (guint) g_ascii_strtoull (argv[++i], NULL, 10);
      else if (flow_path == NULL && argv[i][0] != '-')
        flow_path = argv[i];
      else
        {
          flow_path = NULL;
          break;
        }
    }
  if (flow_path == NULL)
    {
      g_printerr ("usage: %s FLOW.json [--relay URI] [--drive] [--pause-at N]...\n", argv[0]);
      return 2;
    }
  file = g_file_new_for_commandline_arg (flow_path);
  flow = gp_flow_load_file (file, NULL, NULL, &error);
  if (flow == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  session = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "test", GP_FAMILIARITY_NEW, "test", NULL);
  driven = session;
  host = gp_cobrowse_host_new (session);
  if (!gp_cobrowse_host_listen (host, NULL, 0, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_signal_connect (host, "peer-knocking", G_CALLBACK (on_knock), NULL);
  g_signal_connect (host, "notify::n-peers", G_CALLBACK (on_n_peers), session);
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP, on_stdin, NULL);
  g_unix_signal_add (SIGTERM, on_term, NULL);
  if (relay != NULL)
    {
      use_relay = TRUE;
      if (!gp_cobrowse_host_connect_relay (host, relay, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_timeout_add (10, wait_for_room, host);
    }
  else
    print_code (host);
  g_main_loop_run (loop);
  gp_cobrowse_host_close (host);
  g_main_loop_unref (loop);
  return 0;
}
