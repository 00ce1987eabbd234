/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>

#include <guidepost/guidepost.h>

#include "gp-command-host.h"

/* `guidepost --host FLOW`: an agent without a display.  It hosts an assisted session of
 * FLOW, prints what happens as JSON lines on stdout and carries out the JSON commands
 * read from stdin as the agent at the host (docs/protocol.md, "A host without a display"). */

enum {
  EXIT_OK = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
};

/* Each line of stdin is one small JSON object: the protocol's nesting limit is plenty. */
#define HOST_MAX_DEPTH 32
/* After the goodbye, how long the closing handshakes may take before the program exits. */
#define HOST_CLOSE_GRACE_MS 3000

typedef struct {
  GMainLoop        *loop;
  GpCobrowseHost   *host;
  GpSession        *session;
  GDataInputStream *input;
  GCancellable     *cancellable;
  GQueue            knocks;        /* GpCobrowsePeerInfo*, owned: oldest first */
  GPtrArray        *watched;       /* every GpCobrowsePeerInfo whose connection is printed */
  gboolean          admit_all;
  gboolean          use_relay;
  guint64           printed_seq;
  guint             grace_id;
  gboolean          reading;       /* a read of stdin is under way */
} HostRun;

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *line = json_to_string (node, FALSE);

  g_print ("%s\n", line);
  fflush (stdout);
}

/* json-glib 1.6 has no null string member: a missing name is null. */
static void
set_name_member (JsonObject *object,
                 const char *member,
                 const char *name)
{
  if (name != NULL)
    json_object_set_string_member (object, member, name);
  else
    json_object_set_null_member (object, member);
}

static void
print_code (HostRun *run)
{
  g_autoptr(JsonObject) line = json_object_new ();
  const char *uri = run->use_relay ? gp_cobrowse_host_get_relay_uri (run->host)
                                   : gp_cobrowse_host_get_uri (run->host);

  json_object_set_string_member (line, "uri", uri);
  json_object_set_string_member (line, "code", gp_cobrowse_host_new_code (run->host));
  print_object (line);
}

/* @id: (nullable): the command's id (NULL: it had none); @error: NULL when it was done. */
static void
print_result (JsonNode     *id,
              const GError *error)
{
  g_autoptr(JsonObject) line = json_object_new ();
  JsonObject *result = json_object_new ();

  json_object_set_member (result, "id", id != NULL ? json_node_copy (id) : json_node_new (JSON_NODE_NULL));
  json_object_set_boolean_member (result, "ok", error == NULL);
  if (error != NULL)
    json_object_set_string_member (result, "error", error->message);
  json_object_set_object_member (line, "result", result);
  print_object (line);
}

static void
print_events (HostRun *run)
{
  GListModel *events = gp_session_get_events (run->session);

  for (guint i = (guint) run->printed_seq; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonObject) line = json_object_new ();

      json_object_set_member (line, "event", gp_event_to_json (event));
      print_object (line);
      run->printed_seq = gp_event_get_seq (event);
    }
}

static void
on_event_applied (GpSession *session,
                  GpEvent   *event,
                  HostRun   *run)
{
  print_events (run);
}

static void
on_connected (GpCobrowsePeerInfo *info,
              GParamSpec         *pspec,
              HostRun            *run)
{
  g_autoptr(JsonObject) line = json_object_new ();

  set_name_member (line, "peer", gp_cobrowse_peer_info_get_name (info));
  json_object_set_boolean_member (line, "connected", gp_cobrowse_peer_info_get_connected (info));
  print_object (line);
}

/* A peer admitted: its connection is there, and is printed whenever it comes or goes. */
static void
on_peers_changed (GListModel *peers,
                  guint       position,
                  guint       removed,
                  guint       added,
                  HostRun    *run)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (peers, i);

      if (g_ptr_array_find (run->watched, info, NULL))
        continue;
      g_signal_connect (info, "notify::connected", G_CALLBACK (on_connected), run);
      g_ptr_array_add (run->watched, g_object_ref (info));
      on_connected (info, NULL, run);
    }
}

static void
on_knock (GpCobrowseHost     *host,
          GpCobrowsePeerInfo *info,
          HostRun            *run)
{
  g_autoptr(JsonObject) line = json_object_new ();
  JsonObject *knock = json_object_new ();

  set_name_member (knock, "name", gp_cobrowse_peer_info_get_name (info));
  json_object_set_string_member (knock, "role", gp_cobrowse_role_to_string (gp_cobrowse_peer_info_get_role (info)));
  json_object_set_object_member (line, "knock", knock);
  print_object (line);

  if (run->admit_all)
    gp_cobrowse_host_answer_knock (host, info, TRUE);
  else
    g_queue_push_tail (&run->knocks, g_object_ref (info));
  /* The knock spent the code: the next peer needs a new one. */
  print_code (run);
}

static void
on_peer_left (GpCobrowseHost     *host,
              GpCobrowsePeerInfo *info,
              HostRun            *run)
{
  if (g_queue_remove (&run->knocks, info))
    g_object_unref (info);
}

static void
on_consent_requested (GpCobrowseHost     *host,
                      guint               id,
                      const char         *action,
                      GpCobrowsePeerInfo *from,
                      HostRun            *run)
{
  g_autoptr(JsonObject) line = json_object_new ();
  JsonObject *request = json_object_new ();

  json_object_set_int_member (request, "id", id);
  json_object_set_string_member (request, "action", action);
  set_name_member (request, "from", from != NULL ? gp_cobrowse_peer_info_get_name (from) : NULL);
  json_object_set_object_member (line, "consent-request", request);
  print_object (line);
}

static void
on_consent_answered (GpCobrowseHost *host,
                     const char     *action,
                     gboolean        granted,
                     HostRun        *run)
{
  g_autoptr(JsonObject) line = json_object_new ();
  JsonObject *answer = json_object_new ();

  json_object_set_string_member (answer, "action", action);
  json_object_set_boolean_member (answer, "granted", granted);
  json_object_set_object_member (line, "consent", answer);
  print_object (line);
}

static void
answer_oldest_knock (HostRun   *run,
                     gboolean   admit,
                     GError   **error)
{
  g_autoptr(GpCobrowsePeerInfo) info = g_queue_pop_head (&run->knocks);

  if (info == NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                   "admit: no peer is knocking");
      return;
    }
  gp_cobrowse_host_answer_knock (run->host, info, admit);
}

/* One line of stdin: a command, an answer to a knock, or a request for a new code. */
static void
handle_line (HostRun    *run,
             const char *text)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *command;
  JsonNode *id = NULL;
  JsonNode *member;
  JsonObject *args = NULL;

  node = gp_json_parse_strict (text, strlen (text), HOST_MAX_DEPTH, NULL, NULL, &error);
  if (node == NULL)
    {
      g_prefix_error (&error, "malformed JSON: ");
      print_result (NULL, error);
      return;
    }
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                           "a command is a JSON object: {\"id\": …, \"action\": …, \"args\": {…}}, "
                           "{\"admit\": true|false} or {\"new-code\": true}");
      print_result (NULL, error);
      return;
    }
  command = json_node_get_object (node);
  id = json_object_get_member (command, "id");

  if ((member = json_object_get_member (command, "admit")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN)
        g_set_error_literal (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                             "/admit: expected true or false");
      else
        answer_oldest_knock (run, json_node_get_boolean (member), &error);
      if (error != NULL)
        print_result (id, error);
      return;
    }
  if ((member = json_object_get_member (command, "new-code")) != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_BOOLEAN ||
          !json_node_get_boolean (member))
        {
          g_set_error_literal (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                               "/new-code: expected true");
          print_result (id, error);
        }
      else
        print_code (run);
      return;
    }

  member = json_object_get_member (command, "action");
  if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
    {
      g_set_error_literal (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                           member == NULL ? "/action: missing" : "/action: expected a string");
      print_result (id, error);
      return;
    }
  if (json_object_has_member (command, "args"))
    {
      JsonNode *args_node = json_object_get_member (command, "args");

      if (!JSON_NODE_HOLDS_OBJECT (args_node))
        {
          g_set_error_literal (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST,
                               "/args: expected an object");
          print_result (id, error);
          return;
        }
      args = json_node_get_object (args_node);
    }
  if (!gp_cobrowse_host_perform (run->host, json_node_get_string (member), args, &error))
    print_result (id, error);
  else
    print_result (id, NULL);
}

static void on_line (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_next_line (HostRun *run)
{
  run->reading = TRUE;
  g_data_input_stream_read_line_async (run->input, G_PRIORITY_DEFAULT, run->cancellable, on_line, run);
}

static void
on_line (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  HostRun *run = user_data;

  run->reading = FALSE;
  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, &error);
  /* Ending: whatever came in after SIGTERM is not carried out. */
  if (g_cancellable_is_cancelled (run->cancellable))
    return;
  if (error != NULL && error->domain == G_CONVERT_ERROR)
    {
      /* Not UTF-8: say so, and go on with the next line. */
      g_prefix_error (&error, "malformed line (not UTF-8): ");
      print_result (NULL, error);
      read_next_line (run);
      return;
    }
  if (line == NULL)
    {
      if (error != NULL)
        g_printerr ("guidepost: cannot read standard input: %s\n", error->message);
      /* Standard input closed: the agent is done. */
      g_main_loop_quit (run->loop);
      return;
    }
  g_strstrip (line);
  if (*line != '\0')
    handle_line (run, line);
  read_next_line (run);
}

static void
on_relay_registered (GpCobrowseHost *host,
                     GParamSpec     *pspec,
                     HostRun        *run)
{
  g_signal_handlers_disconnect_by_func (host, on_relay_registered, run);
  print_code (run);
}

static gboolean
on_signal (gpointer user_data)
{
  HostRun *run = user_data;

  g_main_loop_quit (run->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_grace_over (gpointer user_data)
{
  HostRun *run = user_data;

  run->grace_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
any_peer_connected (HostRun *run)
{
  GListModel *peers = gp_cobrowse_host_get_peers (run->host);

  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (peers, i);

      if (gp_cobrowse_peer_info_get_connected (info))
        return TRUE;
    }
  return FALSE;
}

/* The flow: a file when FLOW names one, otherwise an id in the library the app uses. */
static GpFlow *
load_flow (const char *name,
           int        *status)
{
  g_autoptr(GpFlowLibrary) library = NULL;
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GpFlow *flow;

  if (g_file_test (name, G_FILE_TEST_EXISTS) || strchr (name, '/') != NULL || g_str_has_suffix (name, ".json"))
    {
      file = g_file_new_for_commandline_arg (name);
      flow = gp_flow_load_file_named (file, name, NULL, diagnostics, &error);
      if (flow != NULL)
        return flow;
      for (guint i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = gp_diagnostic_to_string (g_ptr_array_index (diagnostics, i));

          g_printerr ("%s\n", line);
        }
      g_printerr ("guidepost: --host %s: %s\n", name, error->message);
      *status = g_error_matches (error, GP_FLOW_ERROR, GP_FLOW_ERROR_UNREADABLE) ? EXIT_USAGE : EXIT_FAILED;
      return NULL;
    }

  library = gp_flow_library_new ();
  flow = gp_flow_library_lookup (library, name);
  if (flow == NULL)
    {
      g_printerr ("guidepost: --host “%s”: no flow with that id in the library (see guidepost --list), "
                  "and no such file\n", name);
      *status = EXIT_USAGE;
      return NULL;
    }
  return g_object_ref (flow);
}

int
gp_command_host_run (const char *flow_name,
                     const char *address,
                     const char *port_text,
                     const char *relay,
                     gboolean    admit_all,
                     const char *goal,
                     const char *problem)
{
  g_autoptr(GpFlow) flow = NULL;
  g_autoptr(GInputStream) stdin_stream = NULL;
  g_autoptr(GError) error = NULL;
  HostRun run = { 0 };
  guint64 port = 0;
  guint term_id, int_id;
  int status = EXIT_FAILED;

  if (port_text != NULL &&
      !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT16, &port, NULL))
    {
      g_printerr ("guidepost: --port “%s”: expected a number from 0 to 65535 (0 picks a free one)\n", port_text);
      return EXIT_USAGE;
    }
  if (relay != NULL && !g_str_has_prefix (relay, "ws://") && !g_str_has_prefix (relay, "wss://"))
    {
      g_printerr ("guidepost: --relay “%s” is not a ws:// or wss:// address\n", relay);
      return EXIT_USAGE;
    }
  if ((goal != NULL && (!g_utf8_validate (goal, -1, NULL) || *goal == '\0')) ||
      (problem != NULL && (!g_utf8_validate (problem, -1, NULL) || *problem == '\0')))
    {
      g_printerr ("guidepost: --goal and --problem need some text (UTF-8)\n");
      return EXIT_USAGE;
    }
  if ((flow = load_flow (flow_name, &status)) == NULL)
    return status;

  run.session = gp_session_new (flow, GP_SESSION_MODE_ASSISTED,
                                goal != NULL ? goal : "(display-free host)", GP_FAMILIARITY_NEW,
                                problem != NULL ? problem : "(display-free host)", NULL);
  run.host = gp_cobrowse_host_new (run.session);
  run.admit_all = admit_all;
  run.use_relay = relay != NULL;
  g_queue_init (&run.knocks);
  run.watched = g_ptr_array_new_with_free_func (g_object_unref);
  if (!gp_cobrowse_host_listen (run.host, address, (guint) port, &error))
    {
      g_printerr ("guidepost: cannot host: %s\n", error->message);
      status = EXIT_FAILED;
      goto out;
    }
  if (relay != NULL && !gp_cobrowse_host_connect_relay (run.host, relay, NULL, &error))
    {
      g_printerr ("guidepost: --relay: %s\n", error->message);
      status = EXIT_USAGE;
      goto out;
    }

  run.loop = g_main_loop_new (NULL, FALSE);
  run.cancellable = g_cancellable_new ();
  g_signal_connect (run.session, "event-applied", G_CALLBACK (on_event_applied), &run);
  g_signal_connect (run.host, "peer-knocking", G_CALLBACK (on_knock), &run);
  g_signal_connect (run.host, "peer-left", G_CALLBACK (on_peer_left), &run);
  g_signal_connect (gp_cobrowse_host_get_peers (run.host), "items-changed", G_CALLBACK (on_peers_changed), &run);
  g_signal_connect (run.host, "consent-requested", G_CALLBACK (on_consent_requested), &run);
  g_signal_connect (run.host, "consent-answered", G_CALLBACK (on_consent_answered), &run);
  term_id = g_unix_signal_add (SIGTERM, on_signal, &run);
  int_id = g_unix_signal_add (SIGINT, on_signal, &run);
  stdin_stream = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  run.input = g_data_input_stream_new (stdin_stream);

  /* Through a relay the address is given once the room exists there: a peer sent to a
   * room the relay does not know yet would be refused for good (4404). */
  if (relay == NULL || gp_cobrowse_host_get_relay_registered (run.host))
    print_code (&run);
  else
    g_signal_connect (run.host, "notify::relay-registered", G_CALLBACK (on_relay_registered), &run);
  print_events (&run);
  read_next_line (&run);
  g_main_loop_run (run.loop);

  /* The goodbye: peers are told the host ended co-browsing, and the closing handshakes
   * are given a moment to finish so that nobody is left reconnecting. */
  g_cancellable_cancel (run.cancellable);
  gp_cobrowse_host_close (run.host);
  run.grace_id = g_timeout_add (HOST_CLOSE_GRACE_MS, on_grace_over, &run);
  while (run.grace_id != 0 && any_peer_connected (&run))
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&run.grace_id, g_source_remove);
  /* Let the cancelled read finish before its stream goes. */
  while (run.reading)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (term_id);
  g_source_remove (int_id);
  g_signal_handlers_disconnect_by_data (run.session, &run);
  g_signal_handlers_disconnect_by_data (run.host, &run);
  g_signal_handlers_disconnect_by_data (gp_cobrowse_host_get_peers (run.host), &run);
  status = EXIT_OK;

out:
  for (guint i = 0; i < run.watched->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (run.watched, i), &run);
  g_ptr_array_unref (run.watched);
  g_queue_clear_full (&run.knocks, g_object_unref);
  g_clear_object (&run.input);
  g_clear_object (&run.cancellable);
  g_clear_object (&run.host);
  g_clear_object (&run.session);
  g_clear_pointer (&run.loop, g_main_loop_unref);
  return status;
}
