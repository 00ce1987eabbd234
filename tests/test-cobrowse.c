/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <sys/prctl.h>

/* Co-browse over loopback: a host and its peers in one process, a raw WebSocket client
 * for hostile input.  Every wait has a watchdog. */

#define WATCHDOG_S 15
#include "gp-cobrowse-test-utils.h"

static GpFlow *
load_flow (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GpFlow *flow;

  if (strcmp (name, "base.json") == 0)
    path = g_test_build_filename (G_TEST_DIST, "flows", name, NULL);
  else
    path = g_build_filename (g_getenv ("GUIDEPOST_SOURCE_ROOT"), "flows", name, NULL);
  file = g_file_new_for_path (path);
  flow = gp_flow_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  return flow;
}

typedef struct {
  GpFlow         *flow;
  GpSession      *session;
  GpCobrowseHost *host;
} Host;

static void
host_start (Host       *h,
            const char *flow_name,
            gboolean    auto_admit)
{
  g_autoptr(GError) error = NULL;

  h->flow = load_flow (flow_name);
  h->session = gp_session_new (h->flow, GP_SESSION_MODE_ASSISTED, "test", GP_FAMILIARITY_NEW, "test", NULL);
  h->host = gp_cobrowse_host_new (h->session);
  gp_cobrowse_host_listen (h->host, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (gp_cobrowse_host_get_uri (h->host), "ws://127.0.0.1:"));
  if (auto_admit)
    g_signal_connect (h->host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);
}

static void
host_stop (Host *h)
{
  gp_cobrowse_host_close (h->host);
  spin (20);
  g_assert_finalize_object (h->host);
  g_clear_object (&h->session);
  g_clear_object (&h->flow);
}

static GpCobrowsePeer *
join (Host           *h,
      GpCobrowseRole  role)
{
  GpCobrowsePeer *peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h->host),
                                               gp_cobrowse_host_new_code (h->host), role, "Test peer");

  gp_cobrowse_peer_connect (peer);
  gp_test_wait_connected (peer);
  return peer;
}

/* Returns: TRUE when the host accepted; *@error says why not. */
static gboolean
request (GpCobrowsePeer  *peer,
         const char      *action,
         const char      *args_json,
         GError         **error)
{
  g_test_message ("request %s %s", action, args_json != NULL ? args_json : "");
  return gp_test_request (peer, action, args_json, error);
}

static void
request_ok (GpCobrowsePeer *peer,
            const char     *action,
            const char     *args_json)
{
  g_autoptr(GError) error = NULL;

  request (peer, action, args_json, &error);
  g_assert_no_error (error);
}

/* One line per event; @customer: as a customer receives them (agent notes redacted). */
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
      g_autofree char *line = json_to_string (node, FALSE);

      if (customer && gp_event_get_event_type (event) == GP_EVENT_NOTE_ADDED)
        {
          const char *note = json_object_get_string_member (gp_event_get_payload (event), "text");
          g_autofree char *quoted = g_strdup_printf ("\"text\":\"%s\"", note);
          g_auto(GStrv) parts = g_strsplit (line, quoted, 2);

          g_assert_nonnull (parts[1]);
          g_free (line);
          line = g_strjoin ("\"text\":\"(agent note)\"", parts[0], parts[1], NULL);
        }
      g_string_append_printf (text, "%s\n", line);
    }
  return g_string_free (text, FALSE);
}

/* Both sides' logs, event by event, and the states derived from them.  A customer's
 * mirror has the agent's notes redacted, and nothing else different. */
static void
assert_same_session_as (GpSession *host,
                        GpSession *mirror,
                        gboolean   customer)
{
  g_autofree char *a = describe_events (host, customer);
  g_autofree char *b = describe_events (mirror, FALSE);
  g_autofree char *sa = gp_session_describe_state (host);
  g_autofree char *sb = gp_session_describe_state (mirror);

  g_assert_cmpuint (gp_session_get_n_events (mirror), ==, gp_session_get_n_events (host));
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (sa, ==, sb);
}

static void
assert_same_session (GpSession *host,
                     GpSession *mirror)
{
  assert_same_session_as (host, mirror, FALSE);
}

static void
wait_synced (Host           *h,
             GpCobrowsePeer *peer)
{
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED &&
            gp_session_get_n_events (gp_cobrowse_peer_get_session (peer)) == gp_session_get_n_events (h->session));
  assert_same_session_as (h->session, gp_cobrowse_peer_get_session (peer),
                          gp_cobrowse_peer_get_role (peer) == GP_COBROWSE_ROLE_CUSTOMER);
}

/* ---- pieces ---- */

static void
test_codes (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 1000; i++)
    {
      char *code = gp_cobrowse_code_generate (GP_COBROWSE_CODE_LENGTH);

      g_assert_cmpuint (strlen (code), ==, GP_COBROWSE_CODE_LENGTH);
      for (const char *p = code; *p; p++)
        g_assert_nonnull (strchr (GP_COBROWSE_CODE_ALPHABET, *p));
      g_assert_false (g_hash_table_contains (seen, code));
      g_hash_table_add (seen, code);
    }
  /* No look-alikes: 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
  for (const char *p = "0O1IL2Z5S8B"; *p; p++)
    g_assert_null (strchr (GP_COBROWSE_CODE_ALPHABET, *p));
  {
    g_autofree char *n = gp_cobrowse_code_normalize ("acd-efg hj");
    g_autofree char *bad = gp_cobrowse_code_normalize ("ACD0");

    g_assert_cmpstr (n, ==, "ACDEFGHJ");
    g_assert_null (bad);
  }
  g_assert_true (gp_cobrowse_code_equal ("ACDEFGHJ", "ACDEFGHJ"));
  g_assert_false (gp_cobrowse_code_equal ("ACDEFGHJ", "ACDEFGHK"));
  g_assert_false (gp_cobrowse_code_equal ("ACDEFGHJ", "ACDEFGH"));
  g_assert_false (gp_cobrowse_code_equal ("ACDEFGHJ", ""));
  g_assert_false (gp_cobrowse_code_equal ("ACDEFGHJ", "ACDEFGHJK"));
}

static void
test_apply_remote_event (void)
{
  g_autoptr(GpFlow) flow = load_flow ("base.json");
  g_autoptr(GpSession) host = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "g", GP_FAMILIARITY_NEW, "p", NULL);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GpSession) mirror = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *events = gp_session_get_events (host);
  g_autoptr(GpEvent) e4 = NULL, e5 = NULL, e6 = NULL;
  guint applied = 0;

  g_ptr_array_add (first, g_list_model_get_item (events, 0));
  mirror = gp_session_new_from_events (flow, first, &error);
  g_assert_no_error (error);
  g_signal_connect_swapped (mirror, "event-applied", G_CALLBACK (g_nullify_pointer), NULL);
  g_signal_handlers_disconnect_matched (mirror, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, g_nullify_pointer, NULL);
  g_signal_connect_swapped (mirror, "notify::n-events", G_CALLBACK (g_atomic_int_inc), &applied);

  g_assert_true (gp_session_next (host, GP_ACTOR_CUSTOMER, &error));
  g_assert_no_error (error);
  for (guint i = 1; i < 3; i++)
    {
      g_autoptr(GpEvent) event = g_list_model_get_item (events, i);

      g_assert_true (gp_session_apply_remote_event (mirror, event, &error));
      g_assert_no_error (error);
    }
  e4 = g_list_model_get_item (events, 3);
  e5 = g_list_model_get_item (events, 4);
  /* A gap and a repeat are refused and change nothing. */
  g_assert_false (gp_session_apply_remote_event (mirror, e5, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT);
  g_clear_error (&error);
  g_assert_true (gp_session_apply_remote_event (mirror, e4, &error));
  g_assert_false (gp_session_apply_remote_event (mirror, e4, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT);
  g_clear_error (&error);
  g_assert_true (gp_session_apply_remote_event (mirror, e5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied, ==, 4);
  assert_same_session (host, mirror);
  /* An event the fold refuses (another session's) is refused. */
  e6 = gp_event_new ("another", 6, GP_EVENT_NOTE_ADDED, GP_ACTOR_AGENT, 1, G_MAXINT64 / 2, NULL);
  g_assert_false (gp_session_apply_remote_event (mirror, e6, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT);
  g_assert_cmpuint (gp_session_get_n_events (mirror), ==, 5);
}

/* ---- a whole flow ---- */

static void
test_whole_flow_base (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer, *observer;
  g_autoptr(GError) error = NULL;

  host_start (&h, "base.json", TRUE);
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  observer = join (&h, GP_COBROWSE_ROLE_OBSERVER);
  g_assert_cmpuint (g_list_model_get_n_items (gp_cobrowse_host_get_peers (h.host)), ==, 2);
  wait_synced (&h, customer);

  request_ok (customer, "next", NULL);
  request_ok (customer, "hint", NULL);
  gp_test_host_ok (h.host, "why", NULL);
  gp_test_host_ok (h.host, "present-offer", "{\"offer\": \"paperless\"}");
  request_ok (customer, "answer-offer", "{\"offer\": \"paperless\", \"answer\": \"accepted\"}");
  request_ok (customer, "report-failure", "{\"failure\": \"wrong-password\"}");
  gp_test_host_ok (h.host, "take-recovery", NULL);
  request_ok (customer, "next", NULL);
  request_ok (customer, "choose", "{\"choice\": 0}");
  gp_test_host_ok (h.host, "pass-check", "{\"check\": 0}");
  gp_test_host_ok (h.host, "pass-check", "{\"check\": 1}");
  gp_test_host_ok (h.host, "note", "{\"text\": \"Both checks passed\"}");
  request_ok (customer, "next", NULL);
  gp_test_host_ok (h.host, "satisfaction", "{\"score\": 5, \"comment\": \"quick\"}");
  gp_test_host_ok (h.host, "end", "{\"outcome\": \"completed\"}");
  g_assert_true (gp_session_get_ended (h.session));

  wait_synced (&h, customer);
  wait_synced (&h, observer);
  /* The customer's copy of the flow has no talk tracks, and its notes no text. */
  {
    GpFlow *customer_flow = gp_session_get_flow (gp_cobrowse_peer_get_session (customer));
    GpFlow *observer_flow = gp_session_get_flow (gp_cobrowse_peer_get_session (observer));
    GpStep *sign_in = gp_flow_lookup_step (customer_flow, "sign-in");
    g_autofree char *log = describe_events (gp_cobrowse_peer_get_session (customer), FALSE);

    g_assert_null (gp_step_get_talk_new (sign_in));
    g_assert_null (gp_failure_get_say (gp_step_lookup_failure (sign_in, "wrong-password")));
    g_assert_nonnull (gp_step_get_talk_new (gp_flow_lookup_step (observer_flow, "sign-in")));
    g_assert_nonnull (gp_failure_get_say (gp_step_lookup_failure (gp_flow_lookup_step (observer_flow, "sign-in"), "wrong-password")));
    g_assert_null (strstr (log, "Both checks passed"));
    g_assert_nonnull (strstr (log, "(agent note)"));
  }
  /* After the end, the mirror refuses like the host. */
  g_assert_false (request (customer, "back", NULL, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ENDED);

  gp_test_peer_free (customer);
  gp_test_peer_free (observer);
  host_stop (&h);
}

/* Drives any flow to its end: the customer navigates, the agent checks. */
static void
drive_to_end (Host           *h,
              GpCobrowsePeer *customer)
{
  for (guint guard = 0; guard < 200 && !gp_session_get_ended (h->session); guard++)
    {
      GpStep *step = gp_session_get_current_step (h->session);

      switch (gp_step_get_kind (step))
        {
        case GP_STEP_KIND_QUESTION:
          request_ok (customer, "choose", "{\"choice\": 0}");
          break;
        case GP_STEP_KIND_IDENTITY_CHECK:
          for (guint i = 0; gp_step_get_checks (step)[i] != NULL; i++)
            {
              g_autofree char *args = g_strdup_printf ("{\"check\": %u}", i);

              gp_test_host_ok (h->host, "pass-check", args);
            }
          request_ok (customer, "next", NULL);
          break;
        case GP_STEP_KIND_END:
          {
            g_autofree char *args = g_strdup_printf ("{\"outcome\": \"%s\"}",
                                                     gp_outcome_to_string (gp_step_get_outcome (step)));
            gp_test_host_ok (h->host, "end", args);
          }
          break;
        case GP_STEP_KIND_SCREEN:
        case GP_STEP_KIND_INFO:
        default:
          request_ok (customer, "hint", NULL);
          request_ok (customer, "next", NULL);
          break;
        }
    }
  g_assert_true (gp_session_get_ended (h->session));
}

static void
test_whole_flow_bundled (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer;

  host_start (&h, "regain-online-banking.en-GB.json", TRUE);
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  drive_to_end (&h, customer);
  wait_synced (&h, customer);
  gp_test_peer_free (customer);
  host_stop (&h);
}

/* ---- authority ---- */

static const char *
args_for (GpCobrowseAction action)
{
  switch (action)
    {
    case ACTION_CHOOSE: return "{\"choice\": 0}";
    case ACTION_PASS_CHECK: case ACTION_FAIL_CHECK: return "{\"check\": 0}";
    case ACTION_REPORT_FAILURE: return "{\"failure\": \"wrong-password\"}";
    case ACTION_INJECT_FAILURE: return "{\"failure\": \"outage\"}";
    case ACTION_ANSWER_OFFER: return "{\"offer\": \"paperless\", \"answer\": \"later\"}";
    case ACTION_PRESENT_OFFER: return "{\"offer\": \"paperless\"}";
    case ACTION_ESCALATE: return "{\"to\": \"Team\", \"priority\": \"high\"}";
    case ACTION_COMPLAINT: return "{\"priority\": \"low\", \"text\": \"slow\"}";
    case ACTION_NOTE: return "{\"text\": \"a note\"}";
    case ACTION_SATISFACTION: return "{\"score\": 4}";
    case ACTION_END: return "{\"outcome\": \"abandoned\"}";
    case ACTION_CONSENT: return "{\"request\": 99, \"granted\": true}";
    case ACTION_POINT: return "{\"element\": \"number\"}";
    default: return NULL;
    }
}

static void
decline_at_host (GpCobrowseHost *host, guint id, const char *action, GpCobrowsePeerInfo *from, gpointer data)
{
  gp_cobrowse_host_answer_consent (host, id, FALSE);
}

static void
decline_at_peer (GpCobrowsePeer *peer, guint id, const char *action, const char *from, gpointer data)
{
  gp_cobrowse_peer_answer_consent (peer, id, FALSE);
}

/* Every cell of the role table, in the table and over the wire: a refused cell is
 * answered "forbidden"; an allowed one is answered by the session's own rules. */
static void
test_role_table (void)
{
  static const char * const expected[] = {
    /* agent */    "next back choose hint why pass-check fail-check report-failure take-recovery answer-offer present-offer escalate complaint note satisfaction end take-over hand-back consent point",
    /* customer */ "next back choose hint report-failure answer-offer take-over hand-back consent",
    /* trainer */  "next back choose hint why pass-check fail-check report-failure inject-failure take-recovery answer-offer present-offer escalate complaint note satisfaction end take-over hand-back consent point",
    /* observer */ "",
  };

  for (GpCobrowseRole role = GP_COBROWSE_ROLE_AGENT; role <= GP_COBROWSE_ROLE_OBSERVER; role++)
    {
      g_auto(GStrv) allowed = g_strsplit (expected[role], " ", -1);

      for (GpCobrowseAction action = 0; action < N_ACTIONS; action++)
        {
          const char *name = gp_cobrowse_action_to_string (action);
          gboolean may = g_strv_contains ((const char * const *) allowed, name);
          g_autoptr(GError) error = NULL;
          gboolean ok;

          /* The table itself, customer driving and not. */
          ok = gp_cobrowse_role_check (role, action, GP_ACTOR_CUSTOMER, &error);
          g_assert_true (ok == may);
          g_clear_error (&error);
          if (role == GP_COBROWSE_ROLE_CUSTOMER && may && action != ACTION_TAKE_OVER &&
              action != ACTION_HAND_BACK && action != ACTION_CONSENT)
            {
              g_assert_false (gp_cobrowse_role_check (role, action, GP_ACTOR_AGENT, &error));
              g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
              g_clear_error (&error);
            }
        }
    }

  /* And over the wire: every cell is answered, refused ones with forbidden. */
  for (GpCobrowseRole role = GP_COBROWSE_ROLE_AGENT; role <= GP_COBROWSE_ROLE_OBSERVER; role++)
    {
      g_auto(GStrv) allowed = g_strsplit (expected[role], " ", -1);
      Host h = { 0 };
      GpCobrowsePeer *peer, *customer = NULL;

      host_start (&h, "base.json", TRUE);
      g_assert_true (gp_session_next (h.session, GP_ACTOR_CUSTOMER, NULL));
      /* Questions about driving are answered "no" at once, by either side. */
      g_signal_connect (h.host, "consent-requested", G_CALLBACK (decline_at_host), NULL);
      peer = join (&h, role);
      if (role != GP_COBROWSE_ROLE_CUSTOMER)
        {
          customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
          g_signal_connect (customer, "consent-requested", G_CALLBACK (decline_at_peer), NULL);
        }
      for (GpCobrowseAction action = 0; action < N_ACTIONS; action++)
        {
          const char *name = gp_cobrowse_action_to_string (action);
          gboolean may = g_strv_contains ((const char * const *) allowed, name);
          g_autoptr(GError) error = NULL;
          gboolean ok = request (peer, name, args_for (action), &error);

          if (!may)
            {
              g_assert_false (ok);
              g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN);
            }
          else if (error != NULL)
            {
              /* Allowed by the table; refused, if at all, by the session or the state. */
              g_assert_false (error->domain == GP_COBROWSE_ERROR && error->code == GP_COBROWSE_ERROR_FORBIDDEN);
              g_assert_false (error->domain == GP_COBROWSE_ERROR && error->code == GP_COBROWSE_ERROR_NOT_DRIVING);
              g_assert_false (error->domain == GP_COBROWSE_ERROR && error->code == GP_COBROWSE_ERROR_UNKNOWN_ACTION);
            }
        }
      gp_test_peer_free (peer);
      if (customer != NULL)
        gp_test_peer_free (customer);
      host_stop (&h);
    }
}

static void
test_unknown_action_and_bad_args (void)
{
  Host h = { 0 };
  GpCobrowsePeer *agent;
  g_autoptr(GError) error = NULL;

  host_start (&h, "base.json", TRUE);
  agent = join (&h, GP_COBROWSE_ROLE_AGENT);
  g_assert_false (request (agent, "fly", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_UNKNOWN_ACTION);
  g_clear_error (&error);
  g_assert_false (request (agent, "choose", "{\"choice\": \"first\"}", &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (request (agent, "choose", "{\"choice\": -1}", &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (request (agent, "choose", "{\"choice\": 0}", &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_WRONG_STEP_KIND);
  g_clear_error (&error);
  g_assert_false (request (agent, "inject-failure", "{\"failure\": \"outage\"}", &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN);
  gp_test_peer_free (agent);
  host_stop (&h);
}

/* ---- driving and pointing ---- */

typedef struct {
  guint  id;
  char  *action;
  guint  count;
} Asked;

static void
on_peer_consent (GpCobrowsePeer *peer,
                 guint           id,
                 const char     *action,
                 const char     *from,
                 Asked          *asked)
{
  asked->id = id;
  g_free (asked->action);
  asked->action = g_strdup (action);
  asked->count++;
}

static void
on_host_consent (GpCobrowseHost     *host,
                 guint               id,
                 const char         *action,
                 GpCobrowsePeerInfo *from,
                 Asked              *asked)
{
  asked->id = id;
  g_free (asked->action);
  asked->action = g_strdup (action);
  asked->count++;
}

static void
on_consent_answered (GpCobrowseHost *host,
                     const char     *action,
                     gboolean        granted,
                     int            *answer)
{
  *answer = granted ? 1 : 0;
}

static void
on_pointer (GpCobrowsePeer *peer,
            const char     *step,
            const char     *element,
            char          **seen)
{
  g_free (*seen);
  *seen = g_strdup_printf ("%s/%s", step, element);
}

static void
test_driving (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer;
  g_autoptr(GError) error = NULL;
  Asked peer_asked = { 0 }, host_asked = { 0 };
  int answer = -1;
  g_autofree char *pointed = NULL;
  GpTestResult r = { 0 };

  host_start (&h, "base.json", TRUE);
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  g_signal_connect (customer, "consent-requested", G_CALLBACK (on_peer_consent), &peer_asked);
  g_signal_connect (customer, "pointer", G_CALLBACK (on_pointer), &pointed);
  g_signal_connect (h.host, "consent-requested", G_CALLBACK (on_host_consent), &host_asked);
  g_signal_connect (h.host, "consent-answered", G_CALLBACK (on_consent_answered), &answer);

  /* The customer drives by default. */
  g_assert_cmpint (gp_session_get_driver (h.session), ==, GP_ACTOR_CUSTOMER);
  g_assert_false (request (customer, "take-over", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  g_assert_false (gp_cobrowse_host_perform (h.host, "hand-back", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* The agent asks to take over; the customer says no, then yes. */
  gp_test_host_ok (h.host, "take-over", NULL);
  WAIT_FOR (peer_asked.count == 1);
  g_assert_cmpstr (peer_asked.action, ==, "take-over");
  g_assert_false (gp_cobrowse_host_perform (h.host, "take-over", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BUSY);
  g_clear_error (&error);
  gp_cobrowse_peer_answer_consent (customer, peer_asked.id, FALSE);
  WAIT_FOR (answer == 0);
  g_assert_cmpint (gp_session_get_driver (h.session), ==, GP_ACTOR_CUSTOMER);
  answer = -1;
  gp_test_host_ok (h.host, "take-over", NULL);
  WAIT_FOR (peer_asked.count == 2);
  /* A replayed answer to the old question changes nothing. */
  g_assert_false (request (customer, "consent", "{\"request\": 1, \"granted\": true}", &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);
  gp_cobrowse_peer_answer_consent (customer, peer_asked.id, TRUE);
  WAIT_FOR (answer == 1);
  g_assert_cmpint (gp_session_get_driver (h.session), ==, GP_ACTOR_AGENT);
  wait_synced (&h, customer);
  g_assert_cmpint (gp_session_get_driver (gp_cobrowse_peer_get_session (customer)), ==, GP_ACTOR_AGENT);

  /* While the agent drives, the customer may not navigate. */
  g_assert_false (request (customer, "next", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
  g_clear_error (&error);
  gp_test_host_ok (h.host, "next", NULL);

  /* Pointing is live, not an event. */
  {
    guint n = gp_session_get_n_events (h.session);

    gp_test_host_ok (h.host, "point", "{\"element\": \"continue\"}");
    WAIT_FOR (pointed != NULL);
    g_assert_cmpstr (pointed, ==, "sign-in/continue");
    g_assert_cmpuint (gp_session_get_n_events (h.session), ==, n);
    g_autoptr(JsonObject) nowhere = gp_test_parse_args ("{\"element\": \"nowhere\"}");

    g_assert_false (gp_cobrowse_host_perform (h.host, "point", nowhere, &error));
    g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_UNKNOWN);
    g_clear_error (&error);
  }

  /* The customer asks to take over again; the agent at the host agrees. */
  gp_cobrowse_peer_request (customer, "take-over", NULL, NULL, gp_test_request_done, &r);
  WAIT_FOR (host_asked.count == 1);
  g_assert_cmpstr (host_asked.action, ==, "take-over");
  gp_cobrowse_host_answer_consent (h.host, host_asked.id, TRUE);
  WAIT_FOR (r.done);
  g_assert_no_error (r.error);
  g_assert_cmpint (gp_session_get_driver (h.session), ==, GP_ACTOR_CUSTOMER);
  wait_synced (&h, customer);
  {
    GListModel *events = gp_session_get_events (h.session);
    guint changes = 0;

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(GpEvent) event = g_list_model_get_item (events, i);

        changes += gp_event_get_event_type (event) == GP_EVENT_DRIVER_CHANGED;
      }
    g_assert_cmpuint (changes, ==, 2);
  }

  /* A question whose only possible answerer leaves is withdrawn as declined. */
  answer = -1;
  gp_test_host_ok (h.host, "take-over", NULL);
  WAIT_FOR (peer_asked.count == 3);
  g_free (peer_asked.action);
  g_free (host_asked.action);
  gp_test_peer_free (customer);
  WAIT_FOR (answer == 0);
  g_assert_cmpint (gp_session_get_driver (h.session), ==, GP_ACTOR_CUSTOMER);
  host_stop (&h);
}

/* ---- faults ---- */

static void
test_reconnect (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer, *agent;
  GRand *rand = g_rand_new_with_seed (g_test_rand_int ());
  guint drops = 0;

  host_start (&h, "base.json", TRUE);
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  agent = join (&h, GP_COBROWSE_ROLE_AGENT);
  for (guint round = 0; round < 40; round++)
    {
      guint n = g_rand_int_range (rand, 0, 6);

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          gp_cobrowse_peer_break_connection (customer);
          drops++;
          break;
        case 1:
          gp_cobrowse_host_break_connections (h.host);
          drops++;
          break;
        case 2:
          gp_cobrowse_peer_break_connection (agent);
          drops++;
          break;
        default:
          break;
        }
      /* Events while the peers are away (or not). */
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;

          if (!gp_cobrowse_host_perform (h.host, "hint", NULL, &error))
            gp_test_host_ok (h.host, "note", "{\"text\": \"while away\"}");
        }
      if (g_rand_boolean (rand))
        spin (g_rand_int_range (rand, 0, 30));
      else
        {
          wait_synced (&h, customer);
          wait_synced (&h, agent);
        }
    }
  wait_synced (&h, customer);
  wait_synced (&h, agent);
  g_assert_cmpuint (drops, >, 0);
  g_rand_free (rand);
  gp_test_peer_free (customer);
  gp_test_peer_free (agent);
  host_stop (&h);
}

static void
on_state_change (GpCobrowsePeer *peer,
                 GParamSpec     *pspec,
                 GPtrArray      *states)
{
  g_ptr_array_add (states, GINT_TO_POINTER (gp_cobrowse_peer_get_state (peer)));
}

static void
test_keepalive (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer;
  GpCobrowsePeerInfo *info;
  g_autoptr(GPtrArray) states = g_ptr_array_new ();
  gint64 start;

  host_start (&h, "base.json", TRUE);
  gp_cobrowse_host_set_keepalive (h.host, 1500);
  customer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                                   GP_COBROWSE_ROLE_CUSTOMER, NULL);
  gp_cobrowse_peer_set_keepalive (customer, 200, 1500);
  g_signal_connect (customer, "notify::state", G_CALLBACK (on_state_change), states);
  gp_cobrowse_peer_connect (customer);
  WAIT_FOR (gp_cobrowse_peer_get_state (customer) == GP_COBROWSE_PEER_STATE_CONNECTED);
  info = g_list_model_get_item (gp_cobrowse_host_get_peers (h.host), 0);
  g_object_unref (info);

  /* Pings keep a quiet peer alive well past the limit. */
  spin (2500);
  g_assert_cmpint (gp_cobrowse_peer_get_state (customer), ==, GP_COBROWSE_PEER_STATE_CONNECTED);
  g_assert_true (gp_cobrowse_peer_info_get_connected (info));

  /* A peer that goes silent is dropped by the host within the limit (plus a sweep). */
  gp_cobrowse_peer_set_silent (customer, TRUE);
  start = g_get_monotonic_time ();
  WAIT_FOR (!gp_cobrowse_peer_info_get_connected (info));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  /* ...and comes back when it speaks again, missing nothing. */
  gp_cobrowse_peer_set_silent (customer, FALSE);
  gp_test_host_ok (h.host, "note", "{\"text\": \"while silent\"}");
  wait_synced (&h, customer);
  g_assert_true (gp_cobrowse_peer_info_get_connected (info));
  g_assert_true (g_ptr_array_find (states, GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_RECONNECTING), NULL));
  gp_test_peer_free (customer);
  host_stop (&h);
}

/* The host dies; the agent restarts it from the journal and gives a new code; the peer
 * joins again and receives exactly what it missed. */
static void
test_host_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gp-cobrowse-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "journal.db", NULL);
  g_autoptr(GpJournal) journal = gp_journal_new_for_path (path, &error);
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *session_id = NULL;
  Host h = { 0 }, h2 = { 0 };
  GpCobrowsePeer *customer;

  g_assert_no_error (error);
  h.flow = load_flow ("base.json");
  h.session = gp_session_new (h.flow, GP_SESSION_MODE_ASSISTED, "t", GP_FAMILIARITY_NEW, "t", GP_EVENT_SINK (journal));
  h.host = gp_cobrowse_host_new (h.session);
  gp_cobrowse_host_listen (h.host, NULL, 0, &error);
  g_assert_no_error (error);
  g_signal_connect (h.host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  request_ok (customer, "next", NULL);
  wait_synced (&h, customer);

  /* The customer drops; the agent goes on; then the host process dies. */
  gp_cobrowse_peer_break_connection (customer);
  gp_test_host_ok (h.host, "hint", NULL);
  gp_test_host_ok (h.host, "note", "{\"text\": \"before the crash\"}");
  gp_cobrowse_host_break_connections (h.host);
  g_assert_finalize_object (h.host);
  session_id = g_strdup (gp_session_get_id (h.session));
  g_clear_object (&h.session);
  WAIT_FOR (gp_cobrowse_peer_get_state (customer) == GP_COBROWSE_PEER_STATE_RECONNECTING);

  /* Restarted from the journal. */
  events = gp_journal_load_events (journal, session_id, &error);
  g_assert_no_error (error);
  h2.flow = g_object_ref (h.flow);
  h2.session = gp_session_new_from_events (h2.flow, events, &error);
  g_assert_no_error (error);
  gp_session_set_sink (h2.session, GP_EVENT_SINK (journal));
  h2.host = gp_cobrowse_host_new (h2.session);
  gp_cobrowse_host_listen (h2.host, NULL, 0, &error);
  g_assert_no_error (error);
  g_signal_connect (h2.host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);
  gp_test_host_ok (h2.host, "why", NULL);

  gp_cobrowse_peer_rejoin (customer, gp_cobrowse_host_get_uri (h2.host), gp_cobrowse_host_new_code (h2.host));
  wait_synced (&h2, customer);
  request_ok (customer, "next", NULL);
  wait_synced (&h2, customer);

  gp_test_peer_free (customer);
  host_stop (&h2);
  g_clear_object (&h.flow);
  g_clear_object (&journal);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
  }
}

/* A host that accepts and then says nothing: the peer notices by itself. */
static void
on_mute_websocket (SoupServer *server, SoupServerMessage *msg, const char *path,
                   SoupWebsocketConnection *connection, gpointer data)
{
  g_ptr_array_add (data, g_object_ref (connection));
}

static void
test_dead_host (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GSList *uris;
  GpCobrowsePeer *peer;
  gint64 start;

  soup_server_add_websocket_handler (server, GP_COBROWSE_PATH, NULL, NULL, on_mute_websocket, connections, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  uri = g_strdup_printf ("ws://127.0.0.1:%d%s", g_uri_get_port (uris->data), GP_COBROWSE_PATH);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  peer = gp_cobrowse_peer_new (uri, "ACDEFGHJ", GP_COBROWSE_ROLE_CUSTOMER, NULL);
  gp_cobrowse_peer_set_keepalive (peer, 100, 800);
  gp_cobrowse_peer_connect (peer);
  WAIT_FOR (connections->len == 1);
  start = g_get_monotonic_time ();
  WAIT_FOR (connections->len == 2);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
  g_assert_cmpint (gp_cobrowse_peer_get_state (peer), !=, GP_COBROWSE_PEER_STATE_CLOSED);
  gp_test_peer_free (peer);
  soup_server_disconnect (server);
}

/* ---- hostile input through a raw client ---- */

typedef struct {
  SoupSession             *soup;
  SoupWebsocketConnection *connection;
  GPtrArray               *messages;
  gboolean                 closed;
  gushort                  close_code;
  char                    *close_reason;
  GError                  *error;
} Raw;

static void
raw_on_message (SoupWebsocketConnection *connection, int type, GBytes *bytes, Raw *raw)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_ptr_array_add (raw->messages, g_strndup (data, length));
}

static void
raw_on_closed (SoupWebsocketConnection *connection, Raw *raw)
{
  raw->closed = TRUE;
  raw->close_code = soup_websocket_connection_get_close_code (connection);
  raw->close_reason = g_strdup (soup_websocket_connection_get_close_data (connection));
}

static void
raw_on_error (SoupWebsocketConnection *connection, GError *error, Raw *raw)
{
}

static void
raw_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  Raw *raw = data;

  raw->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &raw->error);
  g_assert_no_error (raw->error);
  soup_websocket_connection_set_max_incoming_payload_size (raw->connection, GP_COBROWSE_MAX_WELCOME_SIZE);
  g_signal_connect (raw->connection, "message", G_CALLBACK (raw_on_message), raw);
  g_signal_connect (raw->connection, "closed", G_CALLBACK (raw_on_closed), raw);
  g_signal_connect (raw->connection, "error", G_CALLBACK (raw_on_error), raw);
}

static Raw *
raw_connect_uri (const char *http)
{
  Raw *raw = g_new0 (Raw, 1);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", http);

  raw->soup = soup_session_new ();
  raw->messages = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (raw->soup, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL, raw_connected, raw);
  WAIT_FOR (raw->connection != NULL);
  return raw;
}

static Raw *
raw_connect (Host *h)
{
  g_autofree char *http = g_strdup_printf ("http://127.0.0.1:%u%s", gp_cobrowse_host_get_port (h->host), GP_COBROWSE_PATH);

  return raw_connect_uri (http);
}

static void
raw_free (Raw *raw)
{
  if (!raw->closed)
    {
      soup_websocket_connection_close (raw->connection, 1000, NULL);
      WAIT_FOR (raw->closed);
    }
  g_signal_handlers_disconnect_by_data (raw->connection, raw);
  g_object_unref (raw->connection);
  g_object_unref (raw->soup);
  g_ptr_array_unref (raw->messages);
  g_free (raw->close_reason);
  g_free (raw);
}

/* Sends @text and expects the host to close with @code. */
static void
expect_close (Host       *h,
              const char *text,
              gsize       length,
              gboolean    binary,
              gushort     code,
              const char *reason_part)
{
  Raw *raw = raw_connect (h);

  if (binary)
    soup_websocket_connection_send_binary (raw->connection, text, length);
  else
    soup_websocket_connection_send_text (raw->connection, text);
  WAIT_FOR (raw->closed);
  g_test_message ("closed %u: %s", raw->close_code, raw->close_reason);
  g_assert_cmpuint (raw->close_code, ==, code);
  if (reason_part != NULL)
    g_assert_nonnull (strstr (raw->close_reason, reason_part));
  raw_free (raw);
}

static gint64 fake_now = 1;

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static char *
hello_with (const char *code)
{
  return g_strdup_printf ("{\"v\": 1, \"type\": \"hello\", \"role\": \"customer\", \"code\": \"%s\"}", code);
}

static void
test_hostile (void)
{
  Host h = { 0 };
  GpCobrowsePeer *customer;
  g_autofree char *big = NULL;
  GString *deep = g_string_new (NULL);
  g_autofree char *code = NULL;

  host_start (&h, "base.json", TRUE);
  gp_cobrowse_host_set_clock (h.host, fake_clock, NULL);

  expect_close (&h, "garbage", 7, FALSE, GP_COBROWSE_CLOSE_POLICY, "malformed JSON");
  expect_close (&h, "{\"v\": 1, \"type\": \"hello\"", 24, FALSE, GP_COBROWSE_CLOSE_POLICY, "malformed");
  expect_close (&h, "[1, 2]", 6, FALSE, GP_COBROWSE_CLOSE_POLICY, "object");
  expect_close (&h, "{\"type\": \"hello\"}", 17, FALSE, GP_COBROWSE_CLOSE_POLICY, "“v”");
  expect_close (&h, "{\"v\": 2, \"type\": \"hello\"}", 25, FALSE, GP_COBROWSE_CLOSE_UNSUPPORTED, "version");
  expect_close (&h, "{\"v\": 1, \"type\": \"launch\"}", 26, FALSE, GP_COBROWSE_CLOSE_POLICY, "unknown message type");
  expect_close (&h, "{\"v\": 1, \"type\": \"request\", \"id\": 1, \"action\": \"next\"}", 53, FALSE,
                GP_COBROWSE_CLOSE_POLICY, "before welcome");
  expect_close (&h, "{\"v\": 1, \"v\": 1, \"type\": \"ping\"}", 32, FALSE, GP_COBROWSE_CLOSE_POLICY, "malformed");
  expect_close (&h, "\x01\x02", 2, TRUE, GP_COBROWSE_CLOSE_UNSUPPORTED, "binary");
  /* Oversize: over the whole-message limit (libsoup itself stops frames far larger). */
  big = g_strnfill (GP_COBROWSE_MAX_MESSAGE_SIZE + 10, ' ');
  memcpy (big, "{\"v\": 1, \"type\": \"ping\", \"x\": \"", 31);
  big[GP_COBROWSE_MAX_MESSAGE_SIZE + 8] = '"';
  big[GP_COBROWSE_MAX_MESSAGE_SIZE + 9] = '}';
  expect_close (&h, big, strlen (big), FALSE, GP_COBROWSE_CLOSE_TOO_BIG, NULL);
  /* Hostile nesting: 30,000 levels fit in the size limit; 100k brackets are oversize. */
  for (guint i = 0; i < 30000; i++)
    g_string_append_c (deep, '[');
  expect_close (&h, deep->str, deep->len, FALSE, GP_COBROWSE_CLOSE_POLICY, "malformed");
  for (guint i = 0; i < 70000; i++)
    g_string_append_c (deep, '[');
  expect_close (&h, deep->str, deep->len, FALSE, GP_COBROWSE_CLOSE_TOO_BIG, NULL);
  g_string_free (deep, TRUE);
  /* Far over: libsoup itself cuts the connection (no close frame); the host lives on. */
  {
    Raw *raw = raw_connect (&h);
    g_autofree char *huge = g_strnfill (1024 * 1024, ' ');

    soup_websocket_connection_send_text (raw->connection, huge);
    WAIT_FOR (raw->closed);
    g_assert_true (raw->close_code == 0 || raw->close_code == GP_COBROWSE_CLOSE_TOO_BIG);
    raw_free (raw);
  }
  /* Invalid UTF-8 in a text frame. */
  {
    Raw *raw = raw_connect (&h);
    const char bad[] = "{\"v\": 1, \"type\": \"\xff\"}";

    /* send_text would refuse invalid UTF-8 (a critical); a binary frame is refused too. */
    soup_websocket_connection_send_message (raw->connection, SOUP_WEBSOCKET_DATA_BINARY,
                                            g_bytes_new_static (bad, sizeof bad - 1));
    WAIT_FOR (raw->closed);
    raw_free (raw);
  }

  /* Wrong codes: refused, slowed down, and the code burned after 5. */
  code = g_strdup (gp_cobrowse_host_new_code (h.host));
  for (guint i = 0; i < GP_COBROWSE_CODE_MAX_FAILURES; i++)
    {
      g_autofree char *hello = hello_with ("CCCCCCCC");
      Raw *raw = raw_connect (&h);

      soup_websocket_connection_send_text (raw->connection, hello);
      WAIT_FOR (raw->closed);
      g_assert_cmpuint (raw->close_code, ==, GP_COBROWSE_CLOSE_POLICY);
      g_assert_cmpuint (raw->messages->len, ==, 1);
      g_assert_nonnull (strstr (raw->messages->pdata[0], "\"bad-code\""));
      raw_free (raw);
      /* Straight away again: rate-limited, not even compared. */
      if (i == 0)
        {
          raw = raw_connect (&h);
          soup_websocket_connection_send_text (raw->connection, hello);
          WAIT_FOR (raw->closed);
          g_assert_nonnull (strstr (raw->messages->pdata[0], "\"rate-limited\""));
          raw_free (raw);
        }
      fake_now += 2 * G_USEC_PER_SEC;
    }
  g_assert_null (gp_cobrowse_host_get_code (h.host));
  {
    /* Even the right code is worthless now. */
    g_autofree char *hello = hello_with (code);
    Raw *raw = raw_connect (&h);

    soup_websocket_connection_send_text (raw->connection, hello);
    WAIT_FOR (raw->closed);
    g_assert_nonnull (strstr (raw->messages->pdata[0], "\"bad-code\""));
    raw_free (raw);
  }

  /* Expired: 20 minutes after it was made, unused. */
  g_free (code);
  code = g_strdup (gp_cobrowse_host_new_code (h.host));
  fake_now += GP_COBROWSE_CODE_LIFETIME_US + 1;
  g_assert_null (gp_cobrowse_host_get_code (h.host));
  {
    g_autofree char *hello = hello_with (code);
    Raw *raw = raw_connect (&h);

    soup_websocket_connection_send_text (raw->connection, hello);
    WAIT_FOR (raw->closed);
    g_assert_nonnull (strstr (raw->messages->pdata[0], "\"bad-code\""));
    raw_free (raw);
  }

  /* Replayed messages: a used code, a second hello, a replayed request id. */
  fake_now += 2 * G_USEC_PER_SEC;
  g_free (code);
  code = g_strdup (gp_cobrowse_host_new_code (h.host));
  {
    g_autofree char *hello = hello_with (code);
    g_autofree char *lowercase = g_ascii_strdown (code, -1);
    g_autofree char *hello2 = hello_with (lowercase);
    Raw *raw = raw_connect (&h), *again;
    const char *replay = "{\"v\": 1, \"type\": \"request\", \"id\": 7, \"action\": \"next\"}";

    soup_websocket_connection_send_text (raw->connection, hello2);
    WAIT_FOR (raw->messages->len >= 2);
    g_assert_nonnull (strstr (raw->messages->pdata[0], "\"waiting\""));
    g_assert_nonnull (strstr (raw->messages->pdata[1], "\"welcome\""));
    /* No secret crosses the wire: identity checks are passed or failed, never answered. */
    g_assert_null (strstr (raw->messages->pdata[1], "\"answers\""));

    fake_now += 2 * G_USEC_PER_SEC;
    again = raw_connect (&h);
    soup_websocket_connection_send_text (again->connection, hello);
    WAIT_FOR (again->closed);
    g_assert_nonnull (strstr (again->messages->pdata[0], "\"bad-code\""));
    raw_free (again);

    /* A replayed request is answered, not carried out a second time. */
    soup_websocket_connection_send_text (raw->connection, replay);
    soup_websocket_connection_send_text (raw->connection, replay);
    WAIT_FOR (raw->messages->len >= 2 + 2 + 2);
    g_assert_nonnull (strstr (raw->messages->pdata[4], "\"ok\":true"));
    g_assert_nonnull (strstr (raw->messages->pdata[5], "\"ok\":false"));
    g_assert_nonnull (strstr (raw->messages->pdata[5], "\"bad-request\""));

    soup_websocket_connection_send_text (raw->connection, hello);
    WAIT_FOR (raw->closed);
    g_assert_cmpuint (raw->close_code, ==, GP_COBROWSE_CLOSE_POLICY);
    g_assert_nonnull (strstr (raw->close_reason, "hello"));
    raw_free (raw);
  }

  /* After all that the host still works. */
  fake_now += 2 * G_USEC_PER_SEC;
  customer = join (&h, GP_COBROWSE_ROLE_CUSTOMER);
  request_ok (customer, "next", NULL);
  wait_synced (&h, customer);
  gp_test_peer_free (customer);
  host_stop (&h);
}

static void
test_rate_limit (void)
{
  Host h = { 0 };
  Raw *raw;
  guint limited = 0;

  host_start (&h, "base.json", TRUE);
  gp_cobrowse_host_set_limits (h.host, 4, 5, 10, G_USEC_PER_SEC);
  raw = raw_connect (&h);
  {
    g_autofree char *hello = hello_with (gp_cobrowse_host_new_code (h.host));

    soup_websocket_connection_send_text (raw->connection, hello);
    WAIT_FOR (raw->messages->len >= 2);
  }
  for (guint i = 0; i < 100 && !raw->closed; i++)
    {
      g_autofree char *text = g_strdup_printf ("{\"v\": 1, \"type\": \"request\", \"id\": %u, \"action\": \"why\"}", i);

      soup_websocket_connection_send_text (raw->connection, text);
    }
  WAIT_FOR (raw->closed);
  for (guint i = 0; i < raw->messages->len; i++)
    limited += strstr (raw->messages->pdata[i], "\"rate-limited\"") != NULL;
  g_assert_cmpuint (limited, >, 0);
  g_assert_cmpuint (raw->close_code, ==, GP_COBROWSE_CLOSE_POLICY);
  g_assert_cmpstr (raw->close_reason, ==, "rate limit exceeded");
  raw_free (raw);
  host_stop (&h);
}

static void
on_knock_refuse (GpCobrowseHost *host, GpCobrowsePeerInfo *info, gpointer data)
{
  g_assert_cmpint (gp_cobrowse_peer_info_get_role (info), ==, GP_COBROWSE_ROLE_CUSTOMER);
  g_assert_cmpstr (gp_cobrowse_peer_info_get_name (info), ==, "Test peer");
  g_assert_cmpstr (gp_cobrowse_peer_info_get_address (info), ==, "127.0.0.1");
  gp_cobrowse_host_answer_knock (host, info, FALSE);
}

static void
test_refused_and_full (void)
{
  Host h = { 0 };
  GpCobrowsePeer *peer;
  gulong id;

  host_start (&h, "base.json", FALSE);
  id = g_signal_connect (h.host, "peer-knocking", G_CALLBACK (on_knock_refuse), NULL);
  peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                               GP_COBROWSE_ROLE_CUSTOMER, "Test peer");
  gp_cobrowse_peer_connect (peer);
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED);
  g_assert_error ((GError *) gp_cobrowse_peer_get_close_error (peer), GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_REFUSED);
  g_assert_null (gp_cobrowse_peer_get_session (peer));
  g_assert_finalize_object (peer);
  g_signal_handler_disconnect (h.host, id);

  g_signal_connect (h.host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);
  gp_cobrowse_host_set_limits (h.host, 1, 50, 100, 0);
  peer = join (&h, GP_COBROWSE_ROLE_OBSERVER);
  {
    GpCobrowsePeer *second = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                                                   GP_COBROWSE_ROLE_CUSTOMER, NULL);

    gp_cobrowse_peer_connect (second);
    WAIT_FOR (gp_cobrowse_peer_get_state (second) == GP_COBROWSE_PEER_STATE_CLOSED);
    g_assert_error ((GError *) gp_cobrowse_peer_get_close_error (second), GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FULL);
    g_assert_finalize_object (second);
  }
  gp_test_peer_free (peer);
  host_stop (&h);
}

/* wss:// with a self-signed certificate made by openssl. */
static void
test_tls (void)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *dir = NULL;
  g_autofree char *cert_path = NULL, *key_path = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  GTlsBackend *backend = g_tls_backend_get_default ();
  Host h = { 0 };
  GpCobrowsePeer *peer;
  int status = 0;

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: no certificate to test wss:// with");
      return;
    }
  if (!g_tls_backend_supports_tls (backend))
    {
      g_test_skip ("no TLS backend (glib-networking is not installed)");
      return;
    }
  dir = g_dir_make_tmp ("gp-tls-XXXXXX", &error);
  g_assert_no_error (error);
  cert_path = g_build_filename (dir, "cert.pem", NULL);
  key_path = g_build_filename (dir, "key.pem", NULL);
  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                           "-subj", "/CN=127.0.0.1", "-keyout", key_path, "-out", cert_path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  h.flow = load_flow ("base.json");
  h.session = gp_session_new (h.flow, GP_SESSION_MODE_ASSISTED, "t", GP_FAMILIARITY_NEW, "t", NULL);
  h.host = gp_cobrowse_host_new (h.session);
  gp_cobrowse_host_set_tls_certificate (h.host, certificate);
  gp_cobrowse_host_listen (h.host, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (gp_cobrowse_host_get_uri (h.host), "wss://"));
  g_signal_connect (h.host, "peer-knocking", G_CALLBACK (gp_test_admit_all), NULL);

  /* A certificate nobody vouches for is refused... */
  peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                               GP_COBROWSE_ROLE_CUSTOMER, NULL);
  gp_cobrowse_peer_connect (peer);
  spin (300);
  g_assert_cmpint (gp_cobrowse_peer_get_state (peer), !=, GP_COBROWSE_PEER_STATE_CONNECTED);
  gp_test_peer_free (peer);

  /* ...the one the agent gave is accepted. */
  peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h.host), gp_cobrowse_host_new_code (h.host),
                               GP_COBROWSE_ROLE_CUSTOMER, NULL);
  gp_cobrowse_peer_set_accepted_certificate (peer, certificate);
  gp_cobrowse_peer_connect (peer);
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED);
  request_ok (peer, "next", NULL);
  wait_synced (&h, peer);
  gp_test_peer_free (peer);

  /* wss:// through a relay with the same certificate. */
  {
    g_autoptr(GpRelay) relay = gp_relay_new ();

    gp_relay_set_tls_certificate (relay, certificate);
    gp_relay_listen (relay, NULL, 0, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (gp_relay_get_uri (relay), "wss://"));
    gp_cobrowse_host_connect_relay (h.host, gp_relay_get_uri (relay), certificate, &error);
    g_assert_no_error (error);
    peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_relay_uri (h.host), gp_cobrowse_host_new_code (h.host),
                                 GP_COBROWSE_ROLE_OBSERVER, NULL);
    gp_cobrowse_peer_set_accepted_certificate (peer, certificate);
    gp_cobrowse_peer_connect (peer);
    WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED);
    gp_test_host_ok (h.host, "hint", NULL);
    wait_synced (&h, peer);
    gp_test_peer_free (peer);
    host_stop (&h);
    WAIT_FOR (gp_relay_get_n_connections (relay) == 0);
    gp_relay_close (relay);
  }
  g_unlink (cert_path);
  g_unlink (key_path);
  g_rmdir (dir);
}

/* ---- through a relay ---- */

static GpCobrowsePeer *
join_at (Host           *h,
         const char     *uri,
         GpCobrowseRole  role)
{
  GpCobrowsePeer *peer = gp_cobrowse_peer_new (uri, gp_cobrowse_host_new_code (h->host), role, "Relayed");

  gp_cobrowse_peer_connect (peer);
  gp_test_wait_connected (peer);
  return peer;
}

static void
count_notify (guint *n)
{
  (*n)++;
}

static void
count_log (GpRelay *relay, const char *line, guint *n)
{
  (*n)++;
}

static void
test_relay_in_process (void)
{
  g_autoptr(GpRelay) relay = gp_relay_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wrong_room = NULL;
  Host h = { 0 };
  GpCobrowsePeer *customer, *lost;
  guint logged = 0;
  guint registered = 0;

  g_signal_connect (relay, "log", G_CALLBACK (count_log), &logged);
  gp_relay_listen (relay, NULL, 0, &error);
  g_assert_no_error (error);
  host_start (&h, "base.json", TRUE);
  g_assert_false (gp_cobrowse_host_connect_relay (h.host, "http:/nowhere", NULL, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (gp_cobrowse_host_get_relay_registered (h.host));
  g_signal_connect_swapped (h.host, "notify::relay-registered", G_CALLBACK (count_notify), &registered);
  gp_cobrowse_host_connect_relay (h.host, gp_relay_get_uri (relay), NULL, &error);
  g_assert_no_error (error);
  /* Registered once the relay has accepted a connection (so the room exists there); notified once. */
  WAIT_FOR (gp_cobrowse_host_get_relay_registered (h.host));
  g_assert_cmpuint (gp_relay_get_n_sessions (relay), ==, 1);
  WAIT_FOR (gp_relay_get_n_sessions (relay) == 1 && gp_relay_get_n_connections (relay) == 2);
  g_assert_cmpuint (registered, ==, 1);

  customer = join_at (&h, gp_cobrowse_host_get_relay_uri (h.host), GP_COBROWSE_ROLE_CUSTOMER);
  {
    g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (gp_cobrowse_host_get_peers (h.host), 0);

    g_assert_cmpstr (gp_cobrowse_peer_info_get_address (info), ==, "relay");
  }
  request_ok (customer, "next", NULL);
  /* Drops on either side of the relay: the peer comes back through it. */
  gp_cobrowse_peer_break_connection (customer);
  gp_test_host_ok (h.host, "hint", NULL);
  wait_synced (&h, customer);
  gp_cobrowse_host_break_connections (h.host);
  gp_test_host_ok (h.host, "note", "{\"text\": \"relayed\"}");
  wait_synced (&h, customer);
  request_ok (customer, "next", NULL);
  wait_synced (&h, customer);

  /* Hostile input to the relay: another host's room, a bad path, binary, a message
   * with nobody to send it to. */
  {
    const char *port = strrchr (gp_relay_get_uri (relay), ':') + 1;
    const char *room = strrchr (gp_cobrowse_host_get_relay_uri (h.host), '/') + 1;
    struct { const char *prefix; const char *suffix; gushort code; const char *reason; } cases[] = {
      { "/guidepost/host/", "?key=AAAAAAAAAAAAAAAAAAAAAAAAAA", GP_COBROWSE_CLOSE_POLICY, "another host" },
      { "/guidepost/host/", "", GP_COBROWSE_CLOSE_POLICY, "key" },
      { "/guidepost/elsewhere/", "", GP_COBROWSE_CLOSE_POLICY, "unknown path" },
      { "/guidepost/room/", "/../x", GP_COBROWSE_CLOSE_NO_ROOM, "no such room" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *http = g_strconcat ("http://127.0.0.1:", port, cases[i].prefix, room, cases[i].suffix, NULL);
        Raw *raw = raw_connect_uri (http);

        WAIT_FOR (raw->closed);
        g_assert_cmpuint (raw->close_code, ==, cases[i].code);
        g_assert_nonnull (strstr (raw->close_reason, cases[i].reason));
        raw_free (raw);
      }
    {
      g_autofree char *http = g_strdup_printf ("http://127.0.0.1:%s/guidepost/host/LONELY?key=ABCDEFGHIJKLMNOPQRST", port);
      Raw *raw = raw_connect_uri (http);

      soup_websocket_connection_send_text (raw->connection, "{}");
      WAIT_FOR (raw->closed);
      g_assert_cmpuint (raw->close_code, ==, GP_COBROWSE_CLOSE_POLICY);
      raw_free (raw);
    }
  }

  /* A room that does not exist is a final answer. */
  wrong_room = g_strdup_printf ("%s%s/room/NOSUCHROOM", gp_relay_get_uri (relay), GP_COBROWSE_PATH);
  lost = gp_cobrowse_peer_new (wrong_room, "ACDEFGHJ", GP_COBROWSE_ROLE_CUSTOMER, NULL);
  gp_cobrowse_peer_connect (lost);
  WAIT_FOR (gp_cobrowse_peer_get_state (lost) == GP_COBROWSE_PEER_STATE_CLOSED);
  g_assert_nonnull (strstr (gp_cobrowse_peer_get_close_error (lost)->message, "no such room"));
  g_assert_finalize_object (lost);

  gp_test_peer_free (customer);
  host_stop (&h);
  WAIT_FOR (gp_relay_get_n_connections (relay) == 0);
  g_assert_cmpuint (gp_relay_get_n_sessions (relay), ==, 0);
  g_assert_cmpuint (logged, >, 0);
  gp_relay_close (relay);
}

typedef struct {
  GPid        pid;
  GIOChannel *out;
  char       *uri;
} RelayProcess;

/* A failed test must not leave a relay behind (holding the test runner's pipes). */
static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
relay_spawn (RelayProcess *r,
             const char   *port)
{
  g_autofree char *program = g_test_build_filename (G_TEST_BUILT, "..", "app", "relay", "guidepost-relay", NULL);
  const char *argv[] = { program, "--port", port, "--max-sessions", "10", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  int out_fd;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, die_with_parent, NULL,
                            &r->pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  r->out = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (r->out, TRUE);
  g_io_channel_read_line (r->out, &line, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_nonnull (strstr (line, "listening on ws://127.0.0.1:"));
  g_free (r->uri);
  r->uri = g_strstrip (g_strdup (strstr (line, "ws://")));
}

static int
relay_wait (RelayProcess *r)
{
  int status = -1;

  /* Watchdog: the relay exits within the test's limit or the test fails. */
  for (guint i = 0; i < WATCHDOG_S * 100; i++)
    {
      if (waitpid (r->pid, &status, WNOHANG) == r->pid)
        {
          g_spawn_close_pid (r->pid);
          return status;
        }
      spin (10);
    }
  g_error ("watchdog: the relay did not exit");
}

/* The real guidepost-relay program, killed and restarted in the middle of a flow. */
static void
test_relay_process (void)
{
  RelayProcess r = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *port = NULL;
  g_autofree char *rest = NULL;
  Host h = { 0 };
  GpCobrowsePeer *customer;
  int status;

  relay_spawn (&r, "0");
  port = g_strdup (strrchr (r.uri, ':') + 1);
  host_start (&h, "base.json", TRUE);
  gp_cobrowse_host_connect_relay (h.host, r.uri, NULL, &error);
  g_assert_no_error (error);
  /* The first idle connection may still be on its way: the peer tries again (1013). */
  customer = join_at (&h, gp_cobrowse_host_get_relay_uri (h.host), GP_COBROWSE_ROLE_CUSTOMER);
  request_ok (customer, "next", NULL);
  request_ok (customer, "hint", NULL);
  wait_synced (&h, customer);

  /* SIGKILL: both sides reconnect to the relay restarted on the same port. */
  kill (r.pid, SIGKILL);
  status = relay_wait (&r);
  g_io_channel_unref (r.out);
  WAIT_FOR (gp_cobrowse_peer_get_state (customer) == GP_COBROWSE_PEER_STATE_RECONNECTING);
  gp_test_host_ok (h.host, "note", "{\"text\": \"while the relay was down\"}");
  relay_spawn (&r, port);
  wait_synced (&h, customer);
  drive_to_end (&h, customer);
  wait_synced (&h, customer);

  /* SIGTERM: every connection is closed cleanly, the relay says so and exits 0. */
  kill (r.pid, SIGTERM);
  g_io_channel_read_to_end (r.out, &rest, NULL, &error);
  g_assert_no_error (error);
  status = relay_wait (&r);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (rest, "shutting down"));
  g_assert_nonnull (strstr (rest, "stopped"));
  g_io_channel_unref (r.out);
  g_free (r.uri);

  gp_test_peer_free (customer);
  host_stop (&h);
}

int
main (int   argc,
      char *argv[])
{
  gp_test_init_loopback (&argc, &argv);

  g_test_add_func ("/guidepost/cobrowse/codes", test_codes);
  g_test_add_func ("/guidepost/cobrowse/apply-remote-event", test_apply_remote_event);
  g_test_add_func ("/guidepost/cobrowse/whole-flow/base", test_whole_flow_base);
  g_test_add_func ("/guidepost/cobrowse/whole-flow/bundled", test_whole_flow_bundled);
  g_test_add_func ("/guidepost/cobrowse/role-table", test_role_table);
  g_test_add_func ("/guidepost/cobrowse/bad-requests", test_unknown_action_and_bad_args);
  g_test_add_func ("/guidepost/cobrowse/driving-and-pointing", test_driving);
  g_test_add_func ("/guidepost/cobrowse/reconnect", test_reconnect);
  g_test_add_func ("/guidepost/cobrowse/keepalive", test_keepalive);
  g_test_add_func ("/guidepost/cobrowse/dead-host", test_dead_host);
  g_test_add_func ("/guidepost/cobrowse/host-restart", test_host_restart);
  g_test_add_func ("/guidepost/cobrowse/hostile", test_hostile);
  g_test_add_func ("/guidepost/cobrowse/rate-limit", test_rate_limit);
  g_test_add_func ("/guidepost/cobrowse/refused-and-full", test_refused_and_full);
  g_test_add_func ("/guidepost/cobrowse/tls", test_tls);
  g_test_add_func ("/guidepost/cobrowse/relay/in-process", test_relay_in_process);
  g_test_add_func ("/guidepost/cobrowse/relay/process", test_relay_process);
  return g_test_run ();
}
