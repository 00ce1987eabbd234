/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>

#include "gp-session-test-utils.h"

/* Self-service → agent (D4): codes, opening from the journal or an exported file, the
 * rules of the fold, and the journal's schema version 3. */

#define BUNDLED_FLOWS "/io/guidepost/Guidepost/flows/"

typedef struct {
  char          *path;
  GpJournal     *journal;
  GpFlowLibrary *library;
  GpFlow        *base;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GFile) dir = gp_test_user_flows_with_base ();

  f->journal = gp_test_open_fresh_journal ("handoff", &f->path);
  f->library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, dir);
  f->base = g_object_ref (gp_flow_library_lookup (f->library, "test-sign-in"));
  g_assert_nonnull (f->base);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->base);
  g_clear_object (&f->library);
  g_clear_object (&f->journal);
  g_free (f->path);
}

/* A self-service session on base.json at sign-in, with a hint and a customer failure. */
static GpSession *
self_service_session (Fixture     *f,
                      GpTestClock *clock)
{
  GpSession *s = gp_test_new_session (f->base, GP_SESSION_MODE_SELF_SERVICE, "log in",
                                      GP_EVENT_SINK (f->journal), clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_CUSTOMER, E));
  return s;
}

static char *
request (GpSession *s,
         GpJournal *journal)
{
  g_autoptr(GError) error = NULL;
  char *code = gp_handoff_request (s, journal, &error);

  g_assert_no_error (error);
  g_assert_nonnull (code);
  return code;
}

static void
test_code_format (Fixture       *f,
                  gconstpointer  data)
{
  GpTestClock clock;
  g_autoptr(GpSession) s = self_service_session (f, &clock);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint seen[256] = { 0 };
  guint n_codes = 300;

  for (guint i = 0; i < n_codes; i++)
    {
      char *code = request (s, f->journal);
      GpEvent *last;

      g_assert_cmpuint (strlen (code), ==, 9);
      g_assert_cmpint (code[4], ==, '-');
      for (guint c = 0; c < 9; c++)
        if (c != 4)
          {
            g_assert_nonnull (strchr (GP_HANDOFF_ALPHABET, code[c]));
            seen[(guint8) code[c]]++;
          }
      g_assert_true (gp_handoff_code_is_valid (code));
      /* Recorded in the session, actor customer. */
      last = g_list_model_get_item (gp_session_get_events (s), gp_session_get_n_events (s) - 1);
      g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_HANDOFF_REQUESTED);
      g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_CUSTOMER);
      g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last), "code"), ==, code);
      g_object_unref (last);
      g_assert_true (g_hash_table_add (codes, code));
    }
  g_assert_cmpuint (g_hash_table_size (codes), ==, n_codes);
  /* 2400 characters over 31: each appears (expected about 77 times). */
  for (const char *a = GP_HANDOFF_ALPHABET; *a != '\0'; a++)
    g_assert_cmpuint (seen[(guint8) *a], >, 20);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);

  g_assert_false (gp_handoff_code_is_valid ("ABCD-EFG1"));
  g_assert_false (gp_handoff_code_is_valid ("abcd-efgh"));
  g_assert_false (gp_handoff_code_is_valid ("ABCDEFGH"));
  g_assert_false (gp_handoff_code_is_valid ("ABCD-EFGHJ"));
  {
    g_autofree char *a = gp_handoff_code_normalize (" abcd efgh ");
    g_autofree char *b = gp_handoff_code_normalize ("a-b-c-d-e-f-g-h");
    g_autofree char *c = gp_handoff_code_normalize ("ABCD-EFGO");
    g_autofree char *d = gp_handoff_code_normalize ("ABCD-EFG");

    g_assert_cmpstr (a, ==, "ABCD-EFGH");
    g_assert_cmpstr (b, ==, "ABCD-EFGH");
    g_assert_null (c);
    g_assert_null (d);
  }
}

static void
test_only_self_service (Fixture       *f,
                        gconstpointer  data)
{
  const GpSessionMode modes[] = { GP_SESSION_MODE_ASSISTED, GP_SESSION_MODE_TRAINING };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      GpTestClock clock;
      g_autoptr(GpSession) s = gp_test_new_session (f->base, modes[i], "x", GP_EVENT_SINK (f->journal), &clock);
      guint before = gp_session_get_n_events (s);

      g_assert_null (gp_handoff_request (s, f->journal, &error));
      g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
      g_debug ("expected: %s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (gp_session_get_n_events (s), ==, before);
    }

  /* The fold refuses a handoff-requested in an assisted session too (a replay). */
  {
    GpTestClock clock;
    g_autoptr(GpSession) s = gp_test_new_session (f->base, GP_SESSION_MODE_ASSISTED, "x", NULL, &clock);
    g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(JsonObject) payload = json_object_new ();
    g_autoptr(GpSession) replayed = NULL;

    for (guint i = 0; i < gp_session_get_n_events (s); i++)
      g_ptr_array_add (events, g_list_model_get_item (gp_session_get_events (s), i));
    json_object_set_string_member (payload, "code", "ABCD-EFGH");
    g_ptr_array_add (events, gp_event_new (gp_session_get_id (s), events->len + 1, GP_EVENT_HANDOFF_REQUESTED,
                                           GP_ACTOR_CUSTOMER, clock.wall + 1, clock.mono + 1, payload));
    replayed = gp_session_new_from_events (f->base, events, &error);
    g_assert_null (replayed);
    g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }

  /* A self-service session whose events go elsewhere cannot be opened by an agent. */
  {
    GpTestClock clock;
    g_autoptr(GpSession) s = gp_test_new_session (f->base, GP_SESSION_MODE_SELF_SERVICE, "x", NULL, &clock);

    g_assert_null (gp_handoff_request (s, f->journal, &error));
    g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_NOT_IN_JOURNAL);
    g_clear_error (&error);
  }

  /* Nor an ended one. */
  {
    GpTestClock clock;
    g_autoptr(GpSession) s = gp_test_new_session (f->base, GP_SESSION_MODE_SELF_SERVICE, "x",
                                                  GP_EVENT_SINK (f->journal), &clock);

    gp_assert_ok (gp_session_end (s, GP_ACTOR_CUSTOMER, GP_OUTCOME_ABANDONED, E));
    g_assert_null (gp_handoff_request (s, f->journal, &error));
    g_assert_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ENDED);
    g_clear_error (&error);
  }
}

static GPtrArray *
events_of (GpSession *s)
{
  GPtrArray *events = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < gp_session_get_n_events (s); i++)
    g_ptr_array_add (events, g_list_model_get_item (gp_session_get_events (s), i));
  return events;
}

static void
assert_same_events (GPtrArray *a,
                    GPtrArray *b,
                    guint      n)
{
  g_assert_cmpuint (a->len, >=, n);
  g_assert_cmpuint (b->len, >=, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonNode) x = gp_event_to_json (g_ptr_array_index (a, i));
      g_autoptr(JsonNode) y = gp_event_to_json (g_ptr_array_index (b, i));

      g_assert_true (json_node_equal (x, y));
    }
}

/* The agent's session is the customer's, plus handed-off, in assisted mode. */
static void
assert_continues (GpSession *customer,
                  GpSession *agent,
                  const char *code)
{
  g_autoptr(GPtrArray) before = events_of (customer);
  g_autoptr(GPtrArray) after = events_of (agent);
  GpEvent *last = g_ptr_array_index (after, after->len - 1);
  GPtrArray *h1 = gp_session_get_history (customer);
  GPtrArray *h2 = gp_session_get_history (agent);
  g_autofree char *s1 = gp_session_describe_state (customer);
  g_autofree char *s2 = gp_session_describe_state (agent);
  g_auto(GStrv) l1 = g_strsplit (s1, "\n", -1);
  g_auto(GStrv) l2 = g_strsplit (s2, "\n", -1);

  g_assert_cmpstr (gp_session_get_id (agent), ==, gp_session_get_id (customer));
  g_assert_cmpint (gp_session_get_mode (agent), ==, GP_SESSION_MODE_ASSISTED);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  assert_same_events (before, after, before->len);
  g_assert_cmpint (gp_event_get_event_type (last), ==, GP_EVENT_HANDED_OFF);
  g_assert_cmpint (gp_event_get_actor (last), ==, GP_ACTOR_AGENT);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last), "code"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (gp_event_get_payload (last), "mode"), ==, "assisted");
  g_assert_true (gp_session_get_current_step (agent) != NULL);
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (agent)), ==,
                   gp_step_get_id (gp_session_get_current_step (customer)));
  g_assert_cmpuint (h1->len, ==, h2->len);
  for (guint i = 0; i < h1->len; i++)
    g_assert_cmpstr (g_ptr_array_index (h1, i), ==, g_ptr_array_index (h2, i));
  g_assert_cmpuint (gp_session_get_hints_used (agent, "sign-in"), ==, 1);
  g_assert_cmpuint (gp_session_get_retries (agent, "sign-in", "wrong-password"), ==, 1);
  g_assert_cmpuint (gp_session_get_failure_count (agent, "sign-in", "wrong-password"), ==, 1);
  /* Every other line of the state is the same: hints, failures, time, path left ... */
  g_assert_cmpuint (g_strv_length (l1), ==, g_strv_length (l2));
  for (guint i = 0; l1[i] != NULL; i++)
    if (!g_str_has_prefix (l1[i], "session:") && !g_str_has_prefix (l1[i], "events:") &&
        !g_str_has_prefix (l1[i], "handoff:"))
      g_assert_cmpstr (l1[i], ==, l2[i]);
  g_assert_true (gp_session_get_sink (agent) != NULL);
}

static void
test_open_from_journal (Fixture       *f,
                        gconstpointer  data)
{
  GpTestClock clock;
  g_autoptr(GpSession) customer = self_service_session (f, &clock);
  g_autofree char *code = request (customer, f->journal);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpSession) agent = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autofree char *typed = g_ascii_strdown (code, -1);
  g_autofree char *spaced = NULL;

  /* Typed the way people do: lower case, spaces instead of the hyphen. */
  typed[4] = ' ';
  spaced = g_strdup_printf ("  %c %s ", typed[0], typed + 1);
  agent = gp_handoff_open (f->journal, f->library, spaced, &error);
  g_assert_no_error (error);
  g_assert_nonnull (agent);
  assert_continues (customer, agent, code);
  g_assert_true (gp_session_get_sink (agent) == GP_EVENT_SINK (f->journal));

  /* The journal's list says what the session is now, live and after reopening. */
  {
    GpJournalSession *item = gp_journal_find_session (f->journal, gp_session_get_id (agent));
    g_autoptr(GpJournal) reopened = gp_journal_new_for_path (gp_journal_get_path (f->journal), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gp_journal_session_get_mode (item), ==, "assisted");
    item = gp_journal_find_session (reopened, gp_session_get_id (agent));
    g_assert_cmpstr (gp_journal_session_get_mode (item), ==, "assisted");
  }

  /* The agent carries on: may drive now, and every action lands in the journal. */
  gp_assert_ok (gp_session_change_driver (agent, GP_ACTOR_AGENT, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_next (agent, GP_ACTOR_AGENT, E));
  g_assert_cmpstr (gp_step_get_id (gp_session_get_current_step (agent)), ==, "route");
  stored = gp_journal_load_events (f->journal, gp_session_get_id (agent), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, gp_session_get_n_events (agent));
  {
    g_autoptr(GPtrArray) mine = events_of (agent);

    assert_same_events (stored, mine, stored->len);
  }

  /* A code opens once. */
  {
    g_autoptr(GpSession) again = gp_handoff_open (f->journal, f->library, code, &error);

    g_assert_null (again);
    g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_ALREADY_HANDED_OFF);
    g_clear_error (&error);
  }
  /* Unknown and malformed codes. */
  {
    g_autoptr(GpSession) none = gp_handoff_open (f->journal, f->library, "2345-6789", &error);

    g_assert_null (none);
    g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_UNKNOWN_CODE);
    g_assert_nonnull (strstr (error->message, "2345-6789"));
    g_clear_error (&error);
  }
  {
    g_autoptr(GpSession) none = gp_handoff_open (f->journal, f->library, "hello", &error);

    g_assert_null (none);
    g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_CODE);
    g_clear_error (&error);
  }
  /* The journal, reopened, still resumes the agent's session in assisted mode. */
  {
    g_autoptr(GpJournal) reopened = gp_test_open_journal (f->path);
    g_autoptr(GPtrArray) events = gp_journal_load_events (reopened, gp_session_get_id (agent), &error);
    g_autoptr(GpSession) resumed = NULL;

    g_assert_no_error (error);
    resumed = gp_session_new_from_events (f->base, events, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gp_session_get_mode (resumed), ==, GP_SESSION_MODE_ASSISTED);
    g_assert_cmpint (gp_session_get_driver (resumed), ==, GP_ACTOR_AGENT);
  }
}

static char *
export_file (Fixture    *f,
             const char *session_id,
             const char *name)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (gp_session_export_one (f->journal, session_id, G_OUTPUT_STREAM (out), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error));
  return g_steal_pointer (&path);
}

static void
test_open_from_file (Fixture       *f,
                     gconstpointer  data)
{
  GpTestClock clock;
  g_autoptr(GpSession) customer = self_service_session (f, &clock);
  g_autofree char *code = request (customer, f->journal);
  g_autofree char *path = export_file (f, gp_session_get_id (customer), "handoff.json");
  g_autofree char *agent_path = gp_test_journal_path ("agent.db");
  g_autoptr(GpJournal) agent_journal = gp_test_open_journal (agent_path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpSession) agent = NULL;
  g_autoptr(GPtrArray) stored = NULL;

  agent = gp_handoff_open_file (file, f->library, agent_journal, &error);
  g_assert_no_error (error);
  g_assert_nonnull (agent);
  assert_continues (customer, agent, code);
  g_assert_true (gp_session_get_sink (agent) == GP_EVENT_SINK (agent_journal));
  gp_assert_ok (gp_session_reveal_hint (agent, GP_ACTOR_AGENT, E));
  stored = gp_journal_load_events (agent_journal, gp_session_get_id (agent), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, gp_session_get_n_events (agent));
  g_assert_nonnull (gp_journal_find_session (agent_journal, gp_session_get_id (agent)));

  /* Into the customer's own journal too: the events already there are the same. */
  {
    GpTestClock clock2;
    g_autoptr(GpSession) customer2 = self_service_session (f, &clock2);
    g_autofree char *code2 = request (customer2, f->journal);
    g_autofree char *path2 = export_file (f, gp_session_get_id (customer2), "handoff2.json");
    g_autoptr(GFile) file2 = g_file_new_for_path (path2);
    g_autoptr(GpSession) agent2 = gp_handoff_open_file (file2, f->library, f->journal, &error);

    g_assert_no_error (error);
    assert_continues (customer2, agent2, code2);
  }
}

static void
write_edited (const char *from,
              const char *to,
              const char *pointer,
              const char *value_json)
{
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) edited = NULL;

  g_assert_true (g_file_get_contents (from, &text, &length, NULL));
  bytes = g_bytes_new (text, length);
  root = gp_test_parse (bytes);
  gp_test_edit (root, pointer, value_json);
  edited = gp_test_serialize (root);
  g_assert_true (g_file_set_contents (to, g_bytes_get_data (edited, NULL), g_bytes_get_size (edited), NULL));
}

static void
assert_file_refused (Fixture    *f,
                     GpJournal  *journal,
                     const char *path,
                     GQuark      domain,
                     int         code,
                     const char *expected)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpSession) session = gp_handoff_open_file (file, f->library, journal, &error);

  g_assert_null (session);
  g_assert_error (error, domain, code);
  g_debug ("expected: %s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expected);
  /* A refused file leaves no trace in the journal. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (journal)), ==, 0);
}

static void
test_malformed_files (Fixture       *f,
                      gconstpointer  data)
{
  struct { const char *pointer; const char *value; const char *expected; } edits[] = {
    { "/exported", NULL, "#: field “exported” is missing" },
    { "/format", "\"guidepost-sessions/2\"", "#/format: expected “guidepost-sessions/1”" },
    { "/format", "1", "#/format: expected a non-empty string" },
    { "/exported", "\"yesterday\"", "#/exported: expected an ISO 8601 time" },
    { "/extra", "true", "#: unknown field “extra”" },
    { "/sessions", "{}", "#/sessions: expected an array" },
    { "/sessions/-", "{}", "#/sessions: expected exactly one session, not 2" },
    { "/sessions/0/id", "\"\"", "#/sessions/0/id: expected a non-empty string" },
    { "/sessions/0/flow", NULL, "#/sessions/0: field “flow” is missing" },
    { "/sessions/0/flow/version", "3", "#/sessions/0/flow/version: expected a non-empty string" },
    { "/sessions/0/flow/version", "\"1.0.1\"", "#/sessions/0/flow: flow test-sign-in 1.0.1 differs" },
    { "/sessions/0/mode", "\"assisted\"", "#/sessions/0/mode: “assisted” does not match" },
    { "/sessions/0/mode", "\"remote\"", "#/sessions/0/mode: “remote” is not a session mode" },
    { "/sessions/0/summary", "[]", "#/sessions/0/summary: expected an object" },
    { "/sessions/0/summary/hints_used", "7", "#/sessions/0/summary: does not match" },
    { "/sessions/0/events", "[]", "#/sessions/0/events: expected at least the started event" },
    { "/sessions/0/events/3/seq", "\"4\"", "#/sessions/0/events/3: event field “seq”: expected an integer" },
    { "/sessions/0/events/3/seq", "9", "#/sessions/0/events/3: expected seq 4, not 9" },
    { "/sessions/0/events/2/payload", "[]", "#/sessions/0/events/2: event field “payload”: expected an object" },
    { "/sessions/0/events/1/session", "\"other\"", "#/sessions/0/events/1: event of session other" },
    { "/sessions/0/events/4/type", "\"teleported\"", "#/sessions/0/events/4: event field “type”" },
  };
  GpTestClock clock;
  g_autoptr(GpSession) customer = self_service_session (f, &clock);
  g_autofree char *code = request (customer, f->journal);
  g_autofree char *path = export_file (f, gp_session_get_id (customer), "good.json");
  g_autofree char *bad = g_build_filename (g_get_tmp_dir (), "bad.json", NULL);
  g_autofree char *agent_path = gp_test_journal_path ("agent-malformed.db");
  g_autoptr(GpJournal) agent_journal = gp_test_open_journal (agent_path);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      write_edited (path, bad, edits[i].pointer, edits[i].value);
      assert_file_refused (f, agent_journal, bad, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE, edits[i].expected);
    }

  /* Truncated, empty, not JSON at all, missing. */
  {
    g_autofree char *text = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (path, &text, &length, NULL));
    for (gsize cut = 0; cut < length; cut += length / 7 + 1)
      {
        g_assert_true (g_file_set_contents (bad, text, cut, NULL));
        assert_file_refused (f, agent_journal, bad, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE, "bad.json:");
      }
    g_assert_true (g_file_set_contents (bad, "[1][2]", -1, NULL));
    assert_file_refused (f, agent_journal, bad, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE, "bad.json:");
    g_assert_true (g_file_set_contents (bad, "[]", -1, NULL));
    assert_file_refused (f, agent_journal, bad, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE, "bad.json#: expected an object");
    g_unlink (bad);
    assert_file_refused (f, agent_journal, bad, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE, "cannot read");
  }

  /* A session that never asked for a hand-off. */
  {
    GpTestClock clock2;
    g_autoptr(GpSession) quiet = self_service_session (f, &clock2);
    g_autofree char *quiet_path = export_file (f, gp_session_get_id (quiet), "quiet.json");

    assert_file_refused (f, agent_journal, quiet_path, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_NOT_REQUESTED,
                         "never asked for a hand-off");
  }
}

static void
test_flow_unavailable (Fixture       *f,
                       gconstpointer  data)
{
  const char * const edits[][3] = {
    { "/version", "\"2.0.0\"", "version 2.0.0, but the flow library has version 1.0.0" },
    { "/id", "\"no-such-flow\"", "“no-such-flow” 1.0.0, which is not in the flow library" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(GBytes) bytes = gp_test_base_edited_bytes (edits[i][0], edits[i][1], NULL);
      g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "other.json");
      GpTestClock clock;
      g_autoptr(GpSession) customer = gp_test_new_session (flow, GP_SESSION_MODE_SELF_SERVICE, "x",
                                                           GP_EVENT_SINK (f->journal), &clock);
      g_autofree char *code = request (customer, f->journal);
      g_autofree char *path = export_file (f, gp_session_get_id (customer), "other.json");
      g_autofree char *agent_name = g_strdup_printf ("agent-flow-%u.db", i);
      g_autofree char *agent_path = gp_test_journal_path (agent_name);
      g_autoptr(GpJournal) agent_journal = gp_test_open_journal (agent_path);
      g_autoptr(GError) error = NULL;
      g_autoptr(GpSession) agent = gp_handoff_open (f->journal, f->library, code, &error);

      g_assert_null (agent);
      g_assert_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_FLOW_UNAVAILABLE);
      g_assert_nonnull (strstr (error->message, edits[i][2]));
      assert_file_refused (f, agent_journal, path, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_FLOW_UNAVAILABLE, edits[i][2]);
    }
}

/* Schema version 2 as it was before the hand-off table. */
static const char schema_v2[] =
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  flow_id TEXT NOT NULL,"
  "  flow_version TEXT NOT NULL,"
  "  mode TEXT NOT NULL,"
  "  created_us INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE events ("
  "  session_id TEXT NOT NULL REFERENCES sessions (id),"
  "  seq INTEGER NOT NULL CHECK (seq >= 1),"
  "  type TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  wall_us INTEGER NOT NULL,"
  "  mono_us INTEGER NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;"
  "CREATE INDEX sessions_by_created ON sessions (created_us);"
  "CREATE INDEX events_ended ON events (session_id) WHERE type = 'ended';"
  "INSERT INTO sessions VALUES ('old', 'test-sign-in', '1.0.0', 'self-service', 1700000000000000);"
  "INSERT INTO events VALUES ('old', 1, 'started', 'system', 1700000000000000, 1000,"
  "  '{\"flow\":\"test-sign-in\",\"version\":\"1.0.0\",\"mode\":\"self-service\"}');"
  "INSERT INTO events VALUES ('old', 2, 'intake-recorded', 'customer', 1700000000001000, 2000,"
  "  '{\"goal\":\"g\",\"familiarity\":\"new\",\"agreed_problem\":\"p\"}');"
  "INSERT INTO events VALUES ('old', 3, 'step-entered', 'system', 1700000000002000, 3000,"
  "  '{\"step\":\"welcome\",\"via\":\"start\"}');"
  "PRAGMA user_version = 2;";

static void
test_migration_v2_to_v3 (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = gp_test_journal_path ("journal-v2.db");
  g_autofree char *version = NULL;
  g_autofree char *table = NULL;
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) customer = NULL;
  g_autoptr(GpSession) agent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  gp_test_journal_exec (path, schema_v2);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "2");
  g_clear_pointer (&version, g_free);

  journal = gp_test_open_journal (path);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "3");
  table = gp_test_journal_query_text (path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'handoffs'");
  g_assert_cmpstr (table, ==, "handoffs");

  /* The old session survives and can be handed off from the upgraded file. */
  events = gp_journal_load_events (journal, "old", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 3);
  customer = gp_session_new_from_events (f->base, events, &error);
  g_assert_no_error (error);
  gp_session_set_sink (customer, GP_EVENT_SINK (journal));
  code = gp_handoff_request (customer, journal, &error);
  g_assert_no_error (error);
  agent = gp_handoff_open (journal, f->library, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gp_session_get_mode (agent), ==, GP_SESSION_MODE_ASSISTED);
  g_clear_object (&journal);

  /* Opening again runs no migration. */
  journal = gp_test_open_journal (path);
  g_clear_pointer (&version, g_free);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "3");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guidepost/handoff/code-format", Fixture, NULL, fixture_set_up, test_code_format, fixture_tear_down);
  g_test_add ("/guidepost/handoff/only-self-service", Fixture, NULL, fixture_set_up, test_only_self_service, fixture_tear_down);
  g_test_add ("/guidepost/handoff/open-from-journal", Fixture, NULL, fixture_set_up, test_open_from_journal, fixture_tear_down);
  g_test_add ("/guidepost/handoff/open-from-file", Fixture, NULL, fixture_set_up, test_open_from_file, fixture_tear_down);
  g_test_add ("/guidepost/handoff/malformed-files", Fixture, NULL, fixture_set_up, test_malformed_files, fixture_tear_down);
  g_test_add ("/guidepost/handoff/flow-unavailable", Fixture, NULL, fixture_set_up, test_flow_unavailable, fixture_tear_down);
  g_test_add ("/guidepost/handoff/migration-v2-to-v3", Fixture, NULL, fixture_set_up, test_migration_v2_to_v3, fixture_tear_down);

  return g_test_run ();
}
