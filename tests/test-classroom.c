/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

/* The training classroom (issue 6, point 3) over loopback: a trainer hosts a training
 * session, trainees follow it as observers with the classroom code, and the trainer
 * hands the driving to one of them and takes it back.  Every wait has a watchdog. */

#define WATCHDOG_S 30
#include "gp-cobrowse-test-utils.h"
#define FLOWS "/io/guidepost/Guidepost/flows/"
#define CLASS_SIZE 30


/* A bundled flow, from the core's GResource. */
static GpFlow *
load_bundled (const char *name)
{
  g_autofree char *path = g_strconcat (FLOWS, name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  GpFlow *flow;

  g_assert_no_error (error);
  flow = gp_flow_load_bytes (bytes, name, NULL, &error);
  g_assert_no_error (error);
  return flow;
}

typedef struct {
  GpFlow         *flow;
  GpSession      *session;
  GpCobrowseHost *host;
  guint           knocks;
} Host;

static void
on_knock (GpCobrowseHost     *host,
          GpCobrowsePeerInfo *info,
          Host               *h)
{
  h->knocks++;
  gp_cobrowse_host_answer_knock (host, info, TRUE);
}

static void
host_start (Host          *h,
            GpSessionMode  mode)
{
  g_autoptr(GError) error = NULL;

  h->flow = load_bundled ("regain-online-banking.en-GB.json");
  h->session = gp_session_new (h->flow, mode, "test", GP_FAMILIARITY_NEW, "test", NULL);
  h->host = gp_cobrowse_host_new (h->session);
  gp_cobrowse_host_listen (h->host, NULL, 0, &error);
  g_assert_no_error (error);
  g_signal_connect (h->host, "peer-knocking", G_CALLBACK (on_knock), h);
}

static void
host_stop (Host *h)
{
  gp_cobrowse_host_close (h->host);
  spin (20);
  g_assert_finalize_object (h->host);
  g_assert_finalize_object (h->session);
  g_clear_object (&h->flow);
}

/* Every peer's story: the seqs its mirror applied live, and whether it ever had to
 * reconnect (which would hide a gap or a reordering). */
typedef struct {
  GpCobrowsePeer *peer;
  guint           welcomed_at;
  GArray         *applied;
  guint           reconnects;
  guint           role_changes;
} Peer;

static void
on_applied (GpSession *mirror,
            GpEvent   *event,
            Peer      *p)
{
  guint seq = (guint) gp_event_get_seq (event);

  g_array_append_val (p->applied, seq);
}

static void
on_mirror (GpCobrowsePeer *peer,
           GParamSpec     *pspec,
           Peer           *p)
{
  GpSession *mirror = gp_cobrowse_peer_get_session (peer);

  g_assert_nonnull (mirror);
  p->welcomed_at = gp_session_get_n_events (mirror);
  g_signal_connect (mirror, "event-applied", G_CALLBACK (on_applied), p);
}

static void
on_state (GpCobrowsePeer *peer,
          GParamSpec     *pspec,
          Peer           *p)
{
  p->reconnects += gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_RECONNECTING;
}

static void
on_role (GpCobrowsePeer *peer,
         GParamSpec     *pspec,
         Peer           *p)
{
  p->role_changes++;
}

static Peer *
peer_start (const char     *uri,
            const char     *code,
            GpCobrowseRole  role,
            const char     *name)
{
  Peer *p = g_new0 (Peer, 1);

  p->peer = gp_cobrowse_peer_new (uri, code, role, name);
  p->applied = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (p->peer, "notify::session", G_CALLBACK (on_mirror), p);
  g_signal_connect (p->peer, "notify::state", G_CALLBACK (on_state), p);
  g_signal_connect (p->peer, "notify::role", G_CALLBACK (on_role), p);
  gp_cobrowse_peer_connect (p->peer);
  return p;
}

static GpCobrowsePeerState
state (Peer *p)
{
  return gp_cobrowse_peer_get_state (p->peer);
}

static Peer *
join (Host           *h,
      const char     *code,
      GpCobrowseRole  role,
      const char     *name)
{
  Peer *p = peer_start (gp_cobrowse_host_get_uri (h->host), code, role, name);

  gp_test_wait_connected (p->peer);
  return p;
}

/* Joins and expects to be refused with @code; the reason's text contains @part. */
static void
join_refused (Host           *h,
              const char     *code,
              GpCobrowseRole  role,
              GpCobrowseError expected,
              const char     *part)
{
  GpCobrowsePeer *peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (h->host), code, role, "Refused");
  const GError *error;

  gp_cobrowse_peer_connect (peer);
  WAIT_FOR (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED);
  error = gp_cobrowse_peer_get_close_error (peer);
  g_test_message ("refused: %s", error != NULL ? error->message : "(no error)");
  g_assert_error ((GError *) error, GP_COBROWSE_ERROR, (int) expected);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
  g_assert_null (gp_cobrowse_peer_get_session (peer));
  g_assert_finalize_object (peer);
}

static void
peer_free (Peer *p)
{
  gp_test_peer_free (p->peer);
  g_array_unref (p->applied);
  g_free (p);
}

/* The host's record of a peer: the last one admitted. */
static GpCobrowsePeerInfo *
last_info (Host *h)
{
  GListModel *peers = gp_cobrowse_host_get_peers (h->host);
  g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (peers, g_list_model_get_n_items (peers) - 1);

  return info; /* the list keeps it */
}

/* @p NULL: the trainer at the host.  Returns: TRUE when accepted; *@error says why not. */
static gboolean
act (Host        *h,
     Peer        *p,
     const char  *action,
     const char  *args_json,
     GError     **error)
{
  g_autoptr(JsonObject) args = NULL;

  if (p != NULL)
    return gp_test_request (p->peer, action, args_json, error);
  args = gp_test_parse_args (args_json);
  return gp_cobrowse_host_perform (h->host, action, args, error);
}

static void
act_ok (Host       *h,
        Peer       *p,
        const char *action,
        const char *args_json)
{
  g_autoptr(GError) error = NULL;

  act (h, p, action, args_json, &error);
  g_assert_no_error (error);
}

/* Refused with @domain/@code, never silently dropped, and nothing recorded. */
static void
act_refused (Host       *h,
             Peer       *p,
             const char *action,
             GQuark      domain,
             int         code)
{
  g_autoptr(GError) error = NULL;
  guint before = gp_session_get_n_events (h->session);

  g_assert_false (act (h, p, action, NULL, &error));
  g_test_message ("refused %s: %s", action, error != NULL ? error->message : "(none)");
  g_assert_error (error, domain, code);
  g_assert_cmpuint (gp_session_get_n_events (h->session), ==, before);
}

/* One step of the flow, the way an agent does it; FALSE once the session ended. */
static gboolean
step_once (Host *h,
           Peer *p)
{
  GpStep *step = gp_session_get_current_step (h->session);

  if (gp_session_get_ended (h->session))
    return FALSE;
  switch (gp_step_get_kind (step))
    {
    case GP_STEP_KIND_QUESTION:
      act_ok (h, p, "choose", "{\"choice\": 0}");
      break;
    case GP_STEP_KIND_IDENTITY_CHECK:
      for (guint i = 0; gp_step_get_checks (step)[i] != NULL; i++)
        {
          g_autofree char *args = g_strdup_printf ("{\"check\": %u}", i);

          act_ok (h, p, "pass-check", args);
        }
      act_ok (h, p, "next", NULL);
      break;
    case GP_STEP_KIND_END:
      {
        g_autofree char *args = g_strdup_printf ("{\"outcome\": \"%s\"}",
                                                 gp_outcome_to_string (gp_step_get_outcome (step)));
        act_ok (h, p, "note", "{\"text\": \"well done\"}");
        act_ok (h, p, "end", args);
      }
      break;
    case GP_STEP_KIND_SCREEN:
    case GP_STEP_KIND_INFO:
    default:
      act_ok (h, p, "hint", NULL);
      act_ok (h, p, "next", NULL);
      break;
    }
  return TRUE;
}

static char *
event_text (GpSession *session,
            guint      seq)
{
  g_autoptr(GpEvent) event = g_list_model_get_item (gp_session_get_events (session), seq - 1);
  g_autoptr(JsonNode) node = gp_event_to_json (event);

  g_assert_cmpuint (gp_event_get_seq (event), ==, seq);
  return json_to_string (node, FALSE);
}

/* The mirror has every event of the host, seq by seq, the same state, and received each
 * live event once, in order, without reconnecting. */
static void
assert_follows (Host *h,
                Peer *p)
{
  guint n = gp_session_get_n_events (h->session);
  GpSession *mirror;
  g_autofree char *state_host = NULL, *state_mirror = NULL;

  WAIT_FOR (gp_cobrowse_peer_get_session (p->peer) != NULL &&
            gp_session_get_n_events (gp_cobrowse_peer_get_session (p->peer)) == n);
  mirror = gp_cobrowse_peer_get_session (p->peer);
  for (guint seq = 1; seq <= n; seq++)
    {
      g_autofree char *a = event_text (h->session, seq);
      g_autofree char *b = event_text (mirror, seq);

      g_assert_cmpstr (a, ==, b);
    }
  state_host = gp_session_describe_state (h->session);
  state_mirror = gp_session_describe_state (mirror);
  g_assert_cmpstr (state_host, ==, state_mirror);
  g_assert_cmpuint (p->reconnects, ==, 0);
  g_assert_cmpuint (p->welcomed_at + p->applied->len, ==, n);
  for (guint i = 0; i < p->applied->len; i++)
    g_assert_cmpuint (g_array_index (p->applied, guint, i), ==, p->welcomed_at + 1 + i);
}

/* The last event the host recorded is @type by the trainer for @trainee. */
static void
assert_last_driving_event (Host        *h,
                           GpEventType  type,
                           const char  *trainee)
{
  GListModel *events = gp_session_get_events (h->session);
  g_autoptr(GpEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

  g_assert_cmpint (gp_event_get_event_type (last), ==, type);
  g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_TRAINER);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last), "trainee"), ==, trainee);
}

/* ---- thirty observers ---- */

static void
thirty_observers (gboolean through_relay)
{
  Host h = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GpRelay) relay = NULL;
  Peer *trainees[CLASS_SIZE];
  const char *code, *uri;

  host_start (&h, GP_SESSION_MODE_TRAINING);
  uri = gp_cobrowse_host_get_uri (h.host);
  if (through_relay)
    {
      /* A class that cannot reach the trainer's computer meets in a relay room. */
      relay = gp_relay_new ();
      gp_relay_listen (relay, NULL, 0, &error);
      g_assert_no_error (error);
      gp_cobrowse_host_connect_relay (h.host, gp_relay_get_uri (relay), NULL, &error);
      g_assert_no_error (error);
      WAIT_FOR (gp_relay_get_n_sessions (relay) == 1);
      uri = gp_cobrowse_host_get_relay_uri (h.host);
    }
  code = gp_cobrowse_host_open_classroom (h.host, CLASS_SIZE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (code), ==, GP_COBROWSE_CODE_LENGTH);
  g_assert_cmpstr (gp_cobrowse_host_get_classroom_code (h.host), ==, code);

  /* All at once, as a class does: no knock, nobody to admit them one by one. */
  for (guint i = 0; i < CLASS_SIZE; i++)
    {
      g_autofree char *name = g_strdup_printf ("Trainee %02u", i + 1);

      trainees[i] = peer_start (uri, code, GP_COBROWSE_ROLE_OBSERVER, name);
    }
  for (guint i = 0; i < CLASS_SIZE; i++)
    {
      gp_test_wait_connected (trainees[i]->peer);
      g_assert_cmpint (gp_cobrowse_peer_get_role (trainees[i]->peer), ==, GP_COBROWSE_ROLE_OBSERVER);
    }
  g_assert_cmpuint (h.knocks, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (gp_cobrowse_host_get_peers (h.host)), ==, CLASS_SIZE);
  for (guint i = 0; i < CLASS_SIZE; i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (gp_cobrowse_host_get_peers (h.host), i);

      g_assert_true (gp_cobrowse_peer_info_get_trainee (info));
      g_assert_false (gp_cobrowse_peer_info_get_driving (info));
      g_assert_cmpint (gp_cobrowse_peer_info_get_role (info), ==, GP_COBROWSE_ROLE_OBSERVER);
    }
  /* The 31st is one too many, and told so. */
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_FULL, "takes 30 trainees");
  /* The code is not spent by use. */
  g_assert_cmpstr (gp_cobrowse_host_get_classroom_code (h.host), ==, code);

  /* The trainer drives the whole flow; every trainee follows every event, in order. */
  for (guint guard = 0; guard < 200 && step_once (&h, NULL); guard++)
    ;
  g_assert_true (gp_session_get_ended (h.session));
  g_assert_cmpuint (gp_session_get_n_events (h.session), >, 20);
  for (guint i = 0; i < CLASS_SIZE; i++)
    assert_follows (&h, trainees[i]);
  /* An observer cannot end what is over, nor anything else. */
  act_refused (&h, trainees[0], "next", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);

  for (guint i = 0; i < CLASS_SIZE; i++)
    peer_free (trainees[i]);
  host_stop (&h);
  if (relay != NULL)
    gp_relay_close (relay);
}

static void
test_thirty_observers (void)
{
  thirty_observers (FALSE);
}

static void
test_thirty_observers_relay (void)
{
  thirty_observers (TRUE);
}

/* ---- handing the driving ---- */

static void
test_driving (void)
{
  Host h = { 0 };
  g_autoptr(GError) error = NULL;
  Peer *a, *b, *c, *watcher;
  GpCobrowsePeerInfo *info_a, *info_b, *info_c, *info_watcher;
  const char *code;
  guint driving_notifies = 0;

  host_start (&h, GP_SESSION_MODE_TRAINING);
  code = gp_cobrowse_host_open_classroom (h.host, 10, NULL);
  a = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Ann");
  info_a = last_info (&h);
  b = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Ben");
  info_b = last_info (&h);
  c = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Ann");
  info_c = last_info (&h);
  /* The record names who drove: two trainees never share a name. */
  g_assert_cmpstr (gp_cobrowse_peer_info_get_name (info_c), ==, "Ann (2)");
  /* An observer who knocked with the join code is no trainee. */
  watcher = join (&h, gp_cobrowse_host_new_code (h.host), GP_COBROWSE_ROLE_OBSERVER, "Watcher");
  info_watcher = last_info (&h);
  g_assert_cmpuint (h.knocks, ==, 1);
  g_assert_false (gp_cobrowse_peer_info_get_trainee (info_watcher));
  g_signal_connect (info_a, "notify::driving", G_CALLBACK (gp_test_count_notify), &driving_notifies);

  /* Nobody drives yet: a trainee may do nothing, and is told why. */
  act_refused (&h, a, "hint", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
  act_refused (&h, a, "inject-failure", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN);
  g_assert_false (gp_cobrowse_host_take_back_driving (h.host, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (gp_cobrowse_host_hand_driving (h.host, info_watcher, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* Handed to Ann: recorded, Ann acts as the agent, everybody sees what she does. */
  g_assert_true (gp_cobrowse_host_hand_driving (h.host, info_a, &error));
  g_assert_no_error (error);
  assert_last_driving_event (&h, GP_EVENT_DRIVING_HANDED, "Ann");
  g_assert_cmpstr (gp_session_get_driving_trainee (h.session), ==, "Ann");
  g_assert_true (gp_cobrowse_peer_info_get_driving (info_a));
  g_assert_cmpuint (driving_notifies, ==, 1);
  WAIT_FOR (gp_cobrowse_peer_get_role (a->peer) == GP_COBROWSE_ROLE_AGENT);
  g_assert_cmpuint (a->role_changes, ==, 1);
  g_assert_cmpint (gp_cobrowse_peer_get_role (b->peer), ==, GP_COBROWSE_ROLE_OBSERVER);
  step_once (&h, a);
  step_once (&h, a);
  {
    GListModel *events = gp_session_get_events (h.session);
    g_autoptr(GpEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);

    g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_AGENT);
  }
  assert_follows (&h, b);
  assert_follows (&h, c);
  assert_follows (&h, watcher);

  /* Another trainee is refused, with an answer; so is a second hand-over. */
  {
    g_autoptr(GError) refusal = NULL;

    g_assert_false (act (&h, b, "next", NULL, &refusal));
    g_assert_error (refusal, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
    g_assert_nonnull (strstr (refusal->message, "Ann drives now"));
  }
  act_refused (&h, c, "hint", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
  act_refused (&h, watcher, "hint", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN);
  g_assert_false (gp_cobrowse_host_hand_driving (h.host, info_b, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ALREADY_DONE);
  g_clear_error (&error);
  g_assert_false (gp_cobrowse_peer_info_get_driving (info_b));
  /* Even the driver may not do what no agent may. */
  act_refused (&h, a, "inject-failure", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN);

  /* Taken back: Ann is an observer again. */
  g_assert_true (gp_cobrowse_host_take_back_driving (h.host, &error));
  g_assert_no_error (error);
  assert_last_driving_event (&h, GP_EVENT_DRIVING_TAKEN_BACK, "Ann");
  g_assert_null (gp_session_get_driving_trainee (h.session));
  g_assert_false (gp_cobrowse_peer_info_get_driving (info_a));
  g_assert_cmpuint (driving_notifies, ==, 2);
  WAIT_FOR (gp_cobrowse_peer_get_role (a->peer) == GP_COBROWSE_ROLE_OBSERVER);
  g_assert_cmpuint (a->role_changes, ==, 2);
  act_refused (&h, a, "next", GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING);
  g_assert_false (gp_cobrowse_host_take_back_driving (h.host, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* Ben drives and leaves: the driving comes back to the trainer, recorded. */
  g_assert_true (gp_cobrowse_host_hand_driving (h.host, info_b, &error));
  g_assert_no_error (error);
  WAIT_FOR (gp_cobrowse_peer_get_role (b->peer) == GP_COBROWSE_ROLE_AGENT);
  step_once (&h, b);
  peer_free (b);
  WAIT_FOR (gp_session_get_driving_trainee (h.session) == NULL);
  assert_last_driving_event (&h, GP_EVENT_DRIVING_TAKEN_BACK, "Ben");
  g_assert_false (gp_cobrowse_peer_info_get_driving (info_b));
  g_assert_false (gp_cobrowse_host_hand_driving (h.host, info_b, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_REQUEST);
  g_clear_error (&error);

  /* The second Ann's connection drops while driving: taken back too.  Back again, she
   * is still a trainee, an observer, and can be handed the driving. */
  g_assert_true (gp_cobrowse_host_hand_driving (h.host, info_c, &error));
  g_assert_no_error (error);
  WAIT_FOR (gp_cobrowse_peer_get_role (c->peer) == GP_COBROWSE_ROLE_AGENT);
  gp_cobrowse_peer_hold_reconnect (c->peer, TRUE);
  gp_cobrowse_peer_break_connection (c->peer);
  WAIT_FOR (gp_session_get_driving_trainee (h.session) == NULL);
  assert_last_driving_event (&h, GP_EVENT_DRIVING_TAKEN_BACK, "Ann (2)");
  g_assert_false (gp_cobrowse_host_hand_driving (h.host, info_c, &error));
  g_assert_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NO_COUNTERPART);
  g_clear_error (&error);
  gp_cobrowse_peer_hold_reconnect (c->peer, FALSE);
  WAIT_FOR (state (c) == GP_COBROWSE_PEER_STATE_CONNECTED &&
            gp_cobrowse_peer_get_role (c->peer) == GP_COBROWSE_ROLE_OBSERVER);
  c->reconnects = 0;
  g_assert_true (gp_cobrowse_peer_info_get_trainee (info_c));
  g_assert_true (gp_cobrowse_host_hand_driving (h.host, info_c, &error));
  g_assert_no_error (error);
  WAIT_FOR (gp_cobrowse_peer_get_role (c->peer) == GP_COBROWSE_ROLE_AGENT);
  step_once (&h, c);

  /* The trainer ends co-browsing: the driving is taken back before anybody goes. */
  assert_follows (&h, a);
  gp_cobrowse_host_close (h.host);
  assert_last_driving_event (&h, GP_EVENT_DRIVING_TAKEN_BACK, "Ann (2)");
  g_assert_null (gp_session_get_driving_trainee (h.session));
  WAIT_FOR (state (a) == GP_COBROWSE_PEER_STATE_CLOSED && state (c) == GP_COBROWSE_PEER_STATE_CLOSED &&
            state (watcher) == GP_COBROWSE_PEER_STATE_CLOSED);
  /* Everybody heard it before the goodbye. */
  g_assert_cmpuint (gp_session_get_n_events (gp_cobrowse_peer_get_session (a->peer)), ==,
                    gp_session_get_n_events (h.session));
  g_assert_cmpint (gp_cobrowse_peer_get_role (c->peer), ==, GP_COBROWSE_ROLE_OBSERVER);
  peer_free (a);
  peer_free (c);
  peer_free (watcher);
  host_stop (&h);
}

/* ---- the classroom code ---- */

static gint64 fake_now = 1;

static gint64
fake_clock (gpointer data)
{
  return fake_now;
}

static void
test_codes (void)
{
  Host h = { 0 };
  Peer *first, *second, *third, *customer;
  guint code_notifies = 0;
  g_autofree char *code = NULL;
  g_autofree char *wrong = NULL;

  host_start (&h, GP_SESSION_MODE_TRAINING);
  gp_cobrowse_host_set_clock (h.host, fake_clock, NULL);
  /* The fake clock jumps by minutes: nobody is dropped for silence meanwhile. */
  gp_cobrowse_host_set_keepalive (h.host, G_MAXUINT);
  g_signal_connect (h.host, "notify::classroom-code", G_CALLBACK (gp_test_count_notify), &code_notifies);
  code = g_strdup (gp_cobrowse_host_open_classroom (h.host, 2, NULL));
  g_assert_cmpuint (code_notifies, ==, 1);
  first = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "First");

  /* For trainees only, and not a guess: it burns nothing. */
  join_refused (&h, code, GP_COBROWSE_ROLE_CUSTOMER, GP_COBROWSE_ERROR_FORBIDDEN, "observers");
  join_refused (&h, code, GP_COBROWSE_ROLE_AGENT, GP_COBROWSE_ERROR_FORBIDDEN, "observers");
  join_refused (&h, code, GP_COBROWSE_ROLE_TRAINER, GP_COBROWSE_ERROR_FORBIDDEN, "observers");
  /* The join code keeps working beside it, one use, with a knock. */
  customer = join (&h, gp_cobrowse_host_new_code (h.host), GP_COBROWSE_ROLE_CUSTOMER, "Customer");
  g_assert_cmpuint (h.knocks, ==, 1);
  g_assert_false (gp_cobrowse_peer_info_get_trainee (last_info (&h)));

  /* Two seats: a third trainee waits for a free one. */
  second = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Second");
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_FULL, "full");
  peer_free (second);
  third = join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Third");

  /* A wrong code is rate-limited like any code attempt, and five burn the classroom's. */
  wrong = g_strdup (strcmp (code, "ACDEFGHJ") != 0 ? "ACDEFGHJ" : "KMNPQRTU");
  join_refused (&h, wrong, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_BAD_CODE, NULL);
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_RATE_LIMITED, NULL);
  for (guint i = 1; i < GP_COBROWSE_CODE_MAX_FAILURES; i++)
    {
      g_assert_cmpstr (gp_cobrowse_host_get_classroom_code (h.host), ==, code);
      fake_now += G_USEC_PER_SEC;
      join_refused (&h, wrong, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_BAD_CODE, NULL);
    }
  g_assert_null (gp_cobrowse_host_get_classroom_code (h.host));
  g_assert_cmpuint (code_notifies, ==, 2);
  fake_now += G_USEC_PER_SEC;
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_BAD_CODE, NULL);

  /* A new classroom code: valid while used, gone 20 minutes after its last use. */
  fake_now += G_USEC_PER_SEC;
  g_free (code);
  code = g_strdup (gp_cobrowse_host_open_classroom (h.host, 4, NULL));
  fake_now += 15 * 60 * G_USEC_PER_SEC;
  peer_free (join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Late"));
  fake_now += 15 * 60 * G_USEC_PER_SEC;
  g_assert_cmpstr (gp_cobrowse_host_get_classroom_code (h.host), ==, code);
  peer_free (join (&h, code, GP_COBROWSE_ROLE_OBSERVER, "Later"));
  fake_now += GP_COBROWSE_CODE_LIFETIME_US + 1;
  g_assert_null (gp_cobrowse_host_get_classroom_code (h.host));
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_BAD_CODE, NULL);

  /* Closed: no more trainees, and the ones in stay. */
  fake_now += G_USEC_PER_SEC;
  g_free (code);
  code = g_strdup (gp_cobrowse_host_open_classroom (h.host, 4, NULL));
  gp_cobrowse_host_close_classroom (h.host);
  g_assert_null (gp_cobrowse_host_get_classroom_code (h.host));
  join_refused (&h, code, GP_COBROWSE_ROLE_OBSERVER, GP_COBROWSE_ERROR_BAD_CODE, NULL);
  g_assert_cmpint (state (first), ==, GP_COBROWSE_PEER_STATE_CONNECTED);
  g_assert_cmpint (state (third), ==, GP_COBROWSE_PEER_STATE_CONNECTED);

  peer_free (first);
  peer_free (third);
  peer_free (customer);
  host_stop (&h);
}

/* ---- outside training ---- */

static void
test_not_training (void)
{
  Host h = { 0 };
  g_autoptr(GError) error = NULL;
  Peer *observer;

  host_start (&h, GP_SESSION_MODE_ASSISTED);
  g_assert_null (gp_cobrowse_host_open_classroom (h.host, 10, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "training"));
  g_clear_error (&error);
  g_assert_null (gp_cobrowse_host_get_classroom_code (h.host));
  observer = join (&h, gp_cobrowse_host_new_code (h.host), GP_COBROWSE_ROLE_OBSERVER, "Observer");
  g_assert_false (gp_cobrowse_host_hand_driving (h.host, last_info (&h), &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  g_assert_nonnull (strstr (error->message, "training sessions only; this one is assisted"));
  g_clear_error (&error);
  g_assert_false (gp_cobrowse_host_take_back_driving (h.host, &error));
  g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
  g_assert_cmpint (gp_cobrowse_peer_get_role (observer->peer), ==, GP_COBROWSE_ROLE_OBSERVER);
  peer_free (observer);
  host_stop (&h);
}

/* ---- on the wire, as docs/protocol.md describes it ---- */

typedef struct {
  SoupSession             *soup;
  SoupWebsocketConnection *connection;
  GPtrArray               *messages;   /* parsed JsonObject, in arrival order */
  gboolean                 closed;
} Raw;

static void
raw_on_message (SoupWebsocketConnection *connection, int type, GBytes *bytes, Raw *raw)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonNode) node = gp_json_parse_strict (data, length, 64, NULL, NULL, NULL);

  g_assert_nonnull (node);
  g_ptr_array_add (raw->messages, json_object_ref (json_node_get_object (node)));
}

static void
raw_on_closed (SoupWebsocketConnection *connection, Raw *raw)
{
  raw->closed = TRUE;
}

static void
raw_connected (GObject *source, GAsyncResult *result, gpointer data)
{
  Raw *raw = data;
  g_autoptr(GError) error = NULL;

  raw->connection = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
  soup_websocket_connection_set_max_incoming_payload_size (raw->connection, GP_COBROWSE_MAX_WELCOME_SIZE);
  g_signal_connect (raw->connection, "message", G_CALLBACK (raw_on_message), raw);
  g_signal_connect (raw->connection, "closed", G_CALLBACK (raw_on_closed), raw);
}

static const char *
type_of (Raw   *raw,
         guint  i)
{
  return json_object_get_string_member (raw->messages->pdata[i], "type");
}

static void
test_wire (void)
{
  Host h = { 0 };
  Raw raw = { 0 };
  g_autofree char *http = NULL;
  g_autofree char *hello = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *welcome, *role, *result;
  guint n;

  host_start (&h, GP_SESSION_MODE_TRAINING);
  http = g_strdup_printf ("http://127.0.0.1:%u%s", gp_cobrowse_host_get_port (h.host), GP_COBROWSE_PATH);
  msg = soup_message_new ("GET", http);
  raw.soup = soup_session_new ();
  raw.messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  soup_session_websocket_connect_async (raw.soup, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL, raw_connected, &raw);
  WAIT_FOR (raw.connection != NULL);

  /* Lower case with a dash, as a person types it. */
  {
    g_autofree char *typed = g_ascii_strdown (gp_cobrowse_host_open_classroom (h.host, 5, NULL), -1);

    hello = g_strdup_printf ("{\"v\": 1, \"type\": \"hello\", \"role\": \"observer\", \"code\": \"%.4s-%s\", \"name\": \"Raw\"}",
                             typed, typed + 4);
  }
  soup_websocket_connection_send_text (raw.connection, hello);
  WAIT_FOR (raw.messages->len >= 1);
  /* No waiting: straight in, as an observer acting as one. */
  welcome = raw.messages->pdata[0];
  g_assert_cmpstr (type_of (&raw, 0), ==, "welcome");
  g_assert_cmpstr (json_object_get_string_member (welcome, "role"), ==, "observer");
  g_assert_cmpstr (json_object_get_string_member (welcome, "acting"), ==, "observer");

  /* The driving-handed event, then the role message. */
  n = raw.messages->len;
  g_assert_true (gp_cobrowse_host_hand_driving (h.host, last_info (&h), &error));
  g_assert_no_error (error);
  WAIT_FOR (raw.messages->len >= n + 2);
  g_assert_cmpstr (type_of (&raw, n), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (raw.messages->pdata[n], "event"), "type"),
                   ==, "driving-handed");
  role = raw.messages->pdata[n + 1];
  g_assert_cmpstr (type_of (&raw, n + 1), ==, "role");
  g_assert_cmpint (json_object_get_int_member (role, "v"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (role, "role"), ==, "agent");

  /* Acting as the agent: its request is carried out, the event before the result. */
  n = raw.messages->len;
  soup_websocket_connection_send_text (raw.connection, "{\"v\": 1, \"type\": \"request\", \"id\": 1, \"action\": \"why\"}");
  WAIT_FOR (raw.messages->len >= n + 2);
  g_assert_cmpstr (type_of (&raw, n), ==, "event");
  result = raw.messages->pdata[n + 1];
  g_assert_cmpstr (type_of (&raw, n + 1), ==, "result");
  g_assert_true (json_object_get_boolean_member (result, "ok"));

  /* Taken back: the event, the role message, and its requests are refused. */
  n = raw.messages->len;
  g_assert_true (gp_cobrowse_host_take_back_driving (h.host, &error));
  WAIT_FOR (raw.messages->len >= n + 2);
  g_assert_cmpstr (type_of (&raw, n), ==, "event");
  g_assert_cmpstr (type_of (&raw, n + 1), ==, "role");
  g_assert_cmpstr (json_object_get_string_member (raw.messages->pdata[n + 1], "role"), ==, "observer");
  n = raw.messages->len;
  soup_websocket_connection_send_text (raw.connection, "{\"v\": 1, \"type\": \"request\", \"id\": 2, \"action\": \"why\"}");
  WAIT_FOR (raw.messages->len >= n + 1);
  result = raw.messages->pdata[n];
  g_assert_cmpstr (type_of (&raw, n), ==, "result");
  g_assert_false (json_object_get_boolean_member (result, "ok"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (result, "error"), "code"),
                   ==, "not-driving");

  soup_websocket_connection_close (raw.connection, 1000, NULL);
  WAIT_FOR (raw.closed);
  g_object_unref (raw.connection);
  g_object_unref (raw.soup);
  g_ptr_array_unref (raw.messages);
  host_stop (&h);
}

int
main (int   argc,
      char *argv[])
{
  gp_test_init_loopback (&argc, &argv);

  g_test_add_func ("/guidepost/classroom/thirty-observers", test_thirty_observers);
  g_test_add_func ("/guidepost/classroom/thirty-observers-relay", test_thirty_observers_relay);
  g_test_add_func ("/guidepost/classroom/driving", test_driving);
  g_test_add_func ("/guidepost/classroom/codes", test_codes);
  g_test_add_func ("/guidepost/classroom/not-training", test_not_training);
  g_test_add_func ("/guidepost/classroom/wire", test_wire);
  return g_test_run ();
}
