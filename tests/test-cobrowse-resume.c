/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>

/* A peer whose process died comes back from its saved state (issue 5, point 6): the host
 * keeps its seat, and the welcome brings exactly the events it missed.  A host and its
 * peers in one process over loopback; every wait has a watchdog. */

#define WATCHDOG_S 15
#include "gp-cobrowse-test-utils.h"

typedef struct {
  GpFlow         *flow;
  GpSession      *session;
  GpCobrowseHost *host;
} Host;

static void
host_listen (Host *h)
{
  g_autoptr(GError) error = NULL;

  h->host = gp_cobrowse_host_new (h->session);
  gp_cobrowse_host_listen (h->host, NULL, 0, &error);
  g_assert_no_error (error);
  g_signal_connect (h->host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);
}

static void
host_start (Host *h)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "flows", "base.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  h->flow = gp_flow_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  h->session = gp_session_new (h->flow, GP_SESSION_MODE_ASSISTED, "test", GP_FAMILIARITY_NEW, "test", NULL);
  host_listen (h);
}

static void
host_stop (Host *h)
{
  gp_cobrowse_host_close (h->host);
  g_assert_finalize_object (h->host);
  g_clear_object (&h->session);
  g_clear_object (&h->flow);
}

static GpCobrowsePeer *
join (Host *h)
{
  GpCobrowsePeer *peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h->host),
                                               gp_cobrowse_host_new_code (h->host),
                                               GP_COBROWSE_ROLE_CUSTOMER, "Kim");

  gp_cobrowse_peer_connect (peer);
  gp_test_wait_connected (peer);
  return peer;
}

/* The process dies: the connection ends without a close frame and without bye, and
 * nothing of the peer is left but what it saved. */
static void
peer_die (GpCobrowsePeer *peer)
{
  gp_cobrowse_peer_hold_reconnect (peer, TRUE);
  gp_cobrowse_peer_break_connection (peer);
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_RECONNECTING);
  g_assert_finalize_object (peer);
}

/* One line per event, as a customer receives them (agent notes redacted). */
static char *
describe_events (GpSession *session,
                 gboolean   customer)
{
  GListModel *events = gp_session_get_events (session);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonNode) node = gp_event_to_json (event);
      g_autofree char *line = NULL;

      if (customer && gp_event_get_event_type (event) == GP_EVENT_NOTE_ADDED)
        gp_test_edit (node, "/payload/text", "\"(agent note)\"");
      line = json_to_string (node, FALSE);
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

/* The mirror equals the host's session, event by event and in the state derived. */
static void
wait_synced (Host           *h,
             GpCobrowsePeer *peer)
{
  GpSession *mirror;
  g_autofree char *a = NULL, *b = NULL, *sa = NULL, *sb = NULL;

  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED &&
            gp_session_get_n_events (gp_cobrowse_peer_get_session (peer)) == gp_session_get_n_events (h->session));
  mirror = gp_cobrowse_peer_get_session (peer);
  a = describe_events (h->session, TRUE);
  b = describe_events (mirror, FALSE);
  sa = gp_session_describe_state (h->session);
  sb = gp_session_describe_state (mirror);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (sa, ==, sb);
}

static void
on_event_applied (GpSession *session,
                  GpEvent   *event,
                  GArray    *seqs)
{
  guint64 seq = gp_event_get_seq (event);

  g_array_append_val (seqs, seq);
}

/* Each seq from @first to @last applied once, in order, and nothing else. */
static void
assert_applied (GArray  *seqs,
                guint64  first,
                guint64  last)
{
  g_assert_cmpuint (seqs->len, ==, last - first + 1);
  for (guint i = 0; i < seqs->len; i++)
    g_assert_cmpuint (g_array_index (seqs, guint64, i), ==, first + i);
}

static GpCobrowsePeerInfo *
only_peer (Host *h)
{
  GListModel *peers = gp_cobrowse_host_get_peers (h->host);
  g_autoptr(GpCobrowsePeerInfo) info = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (peers), ==, 1);
  info = g_list_model_get_item (peers, 0);
  return info; /* the host's list holds it */
}

static void
test_after_death (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-resume-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "peer-state.json", NULL);
  g_autofree char *text = NULL;
  GpCobrowsePeer *customer, *resumed;
  GpCobrowsePeerInfo *info;
  JsonObject *object;
  GStatBuf st;
  guint64 saved;
  Host h = { 0 };

  g_assert_no_error (error);
  host_start (&h);
  customer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                                   GP_COBROWSE_ROLE_CUSTOMER, "Kim");
  /* Nothing to save before the welcome: no seat yet. */
  g_assert_null (gp_cobrowse_peer_save_state (customer));
  g_assert_false (gp_cobrowse_peer_save_state_file (customer, path, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_object_unref (customer);

  customer = join (&h);
  gp_test_host_ok (h.host, "next", NULL);
  gp_test_host_ok (h.host, "note", "{\"text\": \"secret for the agent\"}");
  gp_test_host_ok (h.host, "hint", NULL);
  wait_synced (&h, customer);

  state = gp_cobrowse_peer_save_state (customer);
  g_assert_nonnull (state);
  object = json_node_get_object (state);
  g_assert_cmpstr (json_object_get_string_member (object, "format"), ==, "guidepost-peer-state/1");
  g_assert_cmpstr (json_object_get_string_member (object, "uri"), ==, gp_cobrowse_host_get_uri (h.host));
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "customer");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Kim");
  g_assert_cmpstr (json_object_get_string_member (object, "session"), ==, gp_session_get_id (h.session));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 26);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "events")), ==,
                    gp_session_get_n_events (h.session));
  /* A customer's copy: the agent's note stays redacted in the state too. */
  text = json_to_string (state, FALSE);
  g_assert_null (strstr (text, "secret for the agent"));
  g_assert_true (gp_cobrowse_peer_save_state_file (customer, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  saved = gp_session_get_n_events (h.session);

  /* The process dies; the host shows the peer as not connected, keeps its seat and goes on. */
  info = only_peer (&h);
  peer_die (customer);
  WAIT_FOR (!gp_cobrowse_peer_info_get_connected (info));
  gp_test_host_ok (h.host, "why", NULL);
  gp_test_host_ok (h.host, "note", "{\"text\": \"while it was gone\"}");
  gp_test_host_ok (h.host, "next", NULL);
  g_assert_cmpuint (gp_session_get_n_events (h.session), >, saved + 2);

  /* A new process comes back from the file: the mirror as saved, then what it missed. */
  resumed = gp_cobrowse_peer_new_from_state_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gp_cobrowse_peer_get_role (resumed), ==, GP_COBROWSE_ROLE_CUSTOMER);
  g_assert_cmpstr (gp_cobrowse_peer_get_uri (resumed), ==, gp_cobrowse_host_get_uri (h.host));
  g_assert_cmpuint (gp_session_get_n_events (gp_cobrowse_peer_get_session (resumed)), ==, saved);
  g_signal_connect (gp_cobrowse_peer_get_session (resumed), "event-applied", G_CALLBACK (on_event_applied), seqs);
  gp_cobrowse_peer_connect (resumed);
  wait_synced (&h, resumed);
  assert_applied (seqs, saved + 1, gp_session_get_n_events (h.session));
  /* The same seat: no knock, no second peer. */
  g_assert_true (only_peer (&h) == info);
  g_assert_true (gp_cobrowse_peer_info_get_connected (info));

  /* And it follows live from there, still each event once. */
  gp_test_host_ok (h.host, "choose", "{\"choice\": 0}");
  wait_synced (&h, resumed);
  assert_applied (seqs, saved + 1, gp_session_get_n_events (h.session));

  gp_test_peer_free (resumed);
  host_stop (&h);
  g_unlink (path);
  g_rmdir (dir);
}

/* The host restarted: it does not know the seat.  The resumed peer is told so, keeps its
 * mirror, and joins again with a new code, receiving only what it missed. */
static void
test_seat_gone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(JsonNode) state = NULL;
  g_autofree char *uri = NULL;
  GpCobrowsePeer *customer, *resumed;
  const GError *close_error;
  guint64 saved;
  Host h = { 0 };

  host_start (&h);
  customer = join (&h);
  gp_test_host_ok (h.host, "next", NULL);
  wait_synced (&h, customer);
  state = gp_cobrowse_peer_save_state (customer);
  saved = gp_session_get_n_events (h.session);
  peer_die (customer);

  /* A new host for the same session knows no tokens. */
  gp_cobrowse_host_break_connections (h.host);
  g_assert_finalize_object (h.host);
  host_listen (&h);
  gp_test_host_ok (h.host, "hint", NULL);
  uri = g_strdup_printf ("\"%s\"", gp_cobrowse_host_get_uri (h.host));
  gp_test_edit (state, "/uri", uri);

  resumed = gp_cobrowse_peer_new_from_state (state, &error);
  g_assert_no_error (error);
  g_signal_connect (gp_cobrowse_peer_get_session (resumed), "event-applied", G_CALLBACK (on_event_applied), seqs);
  gp_cobrowse_peer_connect (resumed);
  WAIT_FOR (gp_cobrowse_peer_get_state (resumed) == GP_COBROWSE_PEER_STATE_CLOSED);
  close_error = gp_cobrowse_peer_get_close_error (resumed);
  g_assert_error ((GError *) close_error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_CODE);
  g_assert_cmpuint (gp_session_get_n_events (gp_cobrowse_peer_get_session (resumed)), ==, saved);
  g_assert_cmpuint (g_list_model_get_n_items (gp_cobrowse_host_get_peers (h.host)), ==, 0);

  gp_cobrowse_peer_rejoin (resumed, NULL, gp_cobrowse_host_new_code (h.host));
  wait_synced (&h, resumed);
  assert_applied (seqs, saved + 1, gp_session_get_n_events (h.session));
  /* Welcomed again: a new seat to save. */
  g_clear_pointer (&state, json_node_unref);
  state = gp_cobrowse_peer_save_state (resumed);
  g_assert_nonnull (state);

  gp_test_peer_free (resumed);
  host_stop (&h);
}

static void
assert_refused (JsonNode   *good,
                const char *pointer,
                const char *value_json,
                const char *named)
{
  g_autofree char *text = json_to_string (good, FALSE);
  /* A deep copy: json_node_copy() shares the objects inside. */
  g_autoptr(JsonNode) state = gp_json_parse_strict (text, strlen (text), 64, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpCobrowsePeer) peer = NULL;

  g_test_message ("%s = %s", pointer, value_json != NULL ? value_json : "(removed)");
  gp_test_edit (state, pointer, value_json);
  peer = gp_cobrowse_peer_new_from_state (state, &error);
  g_assert_null (peer);
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL);
  g_test_message ("refused: %s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "peer state: "));
  if (strstr (error->message, named) == NULL)
    g_error ("“%s” does not name %s", error->message, named);
}

static void
test_bad_states (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) good = NULL;
  g_autoptr(JsonNode) array = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GpCobrowsePeer) peer = NULL;
  GpCobrowsePeer *none;
  g_autofree char *dir = g_dir_make_tmp ("gp-resume-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "peer-state.json", NULL);
  g_autofree char *contents = NULL;
  GpCobrowsePeer *customer;
  gsize length;
  Host h = { 0 };

  g_assert_no_error (error);
  host_start (&h);
  customer = join (&h);
  gp_test_host_ok (h.host, "next", NULL);
  gp_test_host_ok (h.host, "hint", NULL);
  wait_synced (&h, customer);
  good = gp_cobrowse_peer_save_state (customer);
  g_assert_true (gp_cobrowse_peer_save_state_file (customer, path, &error));
  g_assert_no_error (error);
  gp_test_peer_free (customer);
  host_stop (&h);

  /* The untouched state is accepted (the base line of every case below). */
  peer = gp_cobrowse_peer_new_from_state (good, &error);
  g_assert_no_error (error);
  g_assert_nonnull (peer);

  assert_refused (good, "/token", NULL, "/token");
  assert_refused (good, "/token", "\"\"", "/token");
  assert_refused (good, "/token", "42", "/token");
  assert_refused (good, "/format", "\"guidepost-peer-state/2\"", "/format");
  assert_refused (good, "/format", NULL, "/format");
  assert_refused (good, "/uri", "\"http://127.0.0.1:1/guidepost\"", "/uri");
  assert_refused (good, "/role", "\"boss\"", "/role");
  assert_refused (good, "/name", "[]", "/name");
  assert_refused (good, "/session", "\"another\"", "/session");
  assert_refused (good, "/flow", "{}", "/flow");
  assert_refused (good, "/flow", NULL, "/flow");
  assert_refused (good, "/events", "[]", "/events");
  assert_refused (good, "/events/1/seq", "\"two\"", "/events/1");
  /* Events that are not a session of this flow: a gap, and a step the flow lacks. */
  assert_refused (good, "/events/1", NULL, "/events");
  assert_refused (good, "/events/2/payload/step", "\"no-such-step\"", "/events");
  json_node_take_array (array, json_array_new ());
  none = gp_cobrowse_peer_new_from_state (array, &error);
  g_assert_null (none);
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL);
  g_clear_error (&error);

  /* Files: truncated JSON names the file and the line:column; a missing file is a file error. */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_file_set_contents (path, contents, (gssize) length / 2, &error));
  g_assert_no_error (error);
  none = gp_cobrowse_peer_new_from_state_file (path, &error);
  g_assert_null (none);
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (g_ascii_isdigit (error->message[strlen (path) + 1]));
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, "", 0, &error));
  none = gp_cobrowse_peer_new_from_state_file (path, &error);
  g_assert_null (none);
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL);
  g_clear_error (&error);
  /* Too large to be a peer state: refused before it is read (a sparse file). */
  {
    int fd = g_open (path, O_WRONLY | O_TRUNC, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) 65 * 1024 * 1024), ==, 0);
    g_close (fd, NULL);
  }
  none = gp_cobrowse_peer_new_from_state_file (path, &error);
  g_assert_null (none);
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_PROTOCOL);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);
  g_unlink (path);
  none = gp_cobrowse_peer_new_from_state_file (path, &error);
  g_assert_null (none);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guidepost/cobrowse/resume/after-death", test_after_death);
  g_test_add_func ("/guidepost/cobrowse/resume/seat-gone", test_seat_gone);
  g_test_add_func ("/guidepost/cobrowse/resume/bad-states", test_bad_states);
  return g_test_run ();
}
