/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-session-test-utils.h"

/* Records of sessions: JSON and CSV exports parsed back and checked against the events,
 * redaction of the customer's words from CSV, and the command line. */

#define MARKER_NOTE      "zq-note-7f3a91"
#define MARKER_COMPLAINT "zq-complaint-52be04"
#define MARKER_COMMENT   "zq-comment-c81d66"
#define MARKER_GOAL      "zq-goal-0b9e27"
#define TRICKY_TITLE     "Sign in, \"quickly\"\nthen carry on"
#define TRICKY_TEAM      "Security team \"Red\", floor 2\r\nroom 3"
/* 2020-03-01T10:00:00Z */
#define OLD_START_US     G_GINT64_CONSTANT (1583056800000000)

typedef struct {
  char      *path;
  GpJournal *journal;
  char      *escalated_id;   /* assisted, 3 customer failures, escalated, note, complaint, comment */
  char      *completed_id;   /* assisted, offer accepted, identity checks, completed */
  char      *unfinished_id;  /* self-service on a bundled flow */
  char      *old_id;         /* started on OLD_START_US */
} Fixture;

static void
build_escalated (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_base_edited_bytes (
    "/title", "\"Sign in, \\\"quickly\\\"\\nthen carry on\"",
    "/goals", "[\"sign in, \\\"now\\\"\", \"log\\nin\"]",
    "/steps/1/failures/0/escalate/to", "\"Security team \\\"Red\\\", floor 2\\r\\nroom 3\"",
    NULL);
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "tricky.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session (flow, GP_SESSION_MODE_ASSISTED, MARKER_GOAL,
                                                GP_EVENT_SINK (f->journal), &clock);
  const char *to = NULL;
  GpPriority priority;
  const char *reason = NULL;

  g_assert_cmpstr (gp_flow_get_title (flow), ==, TRICKY_TITLE);
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_AGENT, E));
  for (guint i = 0; i < 3; i++)
    {
      gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
      gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
    }
  g_assert_true (gp_session_get_proposed_escalation (s, &to, &priority, &reason));
  g_assert_cmpstr (to, ==, TRICKY_TEAM);
  gp_assert_ok (gp_session_escalate (s, GP_ACTOR_AGENT, to, priority, reason, E));
  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_AGENT, "Customer said: " MARKER_NOTE ", twice", E));
  gp_assert_ok (gp_session_log_complaint (s, GP_ACTOR_AGENT, GP_PRIORITY_NORMAL, MARKER_COMPLAINT " \"slow\"\nsite", E));
  gp_assert_ok (gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 2, MARKER_COMMENT ", meh", E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);
  f->escalated_id = g_strdup (gp_session_get_id (s));
}

static void
build_completed (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "base.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session (flow, GP_SESSION_MODE_ASSISTED, "renew",
                                                GP_EVENT_SINK (f->journal), &clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_present_offer (s, GP_ACTOR_AGENT, "paperless", E));
  gp_assert_ok (gp_session_answer_offer (s, GP_ACTOR_CUSTOMER, NULL, "paperless", GP_OFFER_ANSWER_ACCEPTED, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E));
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 0, E));
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 5, NULL, E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_COMPLETED, E));
  f->completed_id = g_strdup (gp_session_get_id (s));
}

static void
build_unfinished (Fixture *f)
{
  g_autoptr(GpFlow) flow = gp_test_load_bundled ("regain-online-banking.en-GB.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session (flow, GP_SESSION_MODE_SELF_SERVICE, "forgot password",
                                                GP_EVENT_SINK (f->journal), &clock);

  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_CUSTOMER, MARKER_NOTE " again", E));
  if (gp_step_get_n_hints (gp_session_get_current_step (s)) > 0)
    gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_CUSTOMER, E));
  f->unfinished_id = g_strdup (gp_session_get_id (s));
}

/* A session recorded through the engine, then stored as if it had started on OLD_START_US. */
static void
build_old (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "base.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session (flow, GP_SESSION_MODE_TRAINING, "old", NULL, &clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_TRAINER, E));
  gp_assert_ok (gp_session_reveal_hint (s, GP_ACTOR_TRAINER, E));
  gp_assert_ok (gp_journal_begin_session (f->journal, gp_session_get_id (s), "test-sign-in", "1.0.0", "training", E));
  gp_test_journal_append_moved (f->journal, gp_session_get_events (s), OLD_START_US);
  f->old_id = g_strdup (gp_session_get_id (s));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->journal = gp_test_open_fresh_journal ("export", &f->path);
  build_escalated (f);
  build_completed (f);
  build_unfinished (f);
  build_old (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->journal);
  g_free (f->path);
  g_free (f->escalated_id);
  g_free (f->completed_id);
  g_free (f->unfinished_id);
  g_free (f->old_id);
}

static char *
export_to_string (GpJournal      *journal,
                  GpExportFormat  format,
                  GDateTime      *since)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_session_export (journal, format, since, out, NULL, &error));
  g_assert_no_error (error);
  return gp_test_memory_stream_steal_text (out);
}

/* A small RFC 4180 reader: rows of fields; quoted fields may hold commas, quotes, CR, LF. */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');  /* an unterminated quote */
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
          g_assert_true (*p == ',' || *p == '\r');
        }
      else
        {
          while (*p != ',' && *p != '\r' && *p != '\0')
            {
              g_assert_true (*p != '"' && *p != '\n');
              g_string_append_c (field, *p++);
            }
        }
      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (*p == ',')
        p++;
      else
        {
          g_assert_true (p[0] == '\r' && p[1] == '\n');  /* every record ends with CRLF */
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
          row = g_ptr_array_new_with_free_func (g_free);
        }
    }
  g_assert_cmpuint (row->len, ==, 0);
  return rows;
}

static JsonObject *
find_session (JsonArray  *sessions,
              const char *id)
{
  for (guint i = 0; i < json_array_get_length (sessions); i++)
    {
      JsonObject *session = json_array_get_object_element (sessions, i);

      if (g_strcmp0 (json_object_get_string_member (session, "id"), id) == 0)
        return session;
    }
  return NULL;
}

static void
assert_int_member (JsonObject *object,
                   const char *name,
                   gint64      expected)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_string_member (JsonObject *object,
                      const char *name,
                      const char *expected)
{
  JsonNode *node = json_object_get_member (object, name);

  g_assert_nonnull (node);
  if (expected == NULL)
    g_assert_true (JSON_NODE_HOLDS_NULL (node));
  else
    {
      g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_STRING);
      g_assert_cmpstr (json_node_get_string (node), ==, expected);
    }
}

/* Identity checks record passed/failed only: no other payload member anywhere. */
static void
assert_no_identity_answers (GPtrArray *events)
{
  for (guint i = 0; i < events->len; i++)
    {
      GpEvent *event = g_ptr_array_index (events, i);
      GpEventType type = gp_event_get_event_type (event);

      if (type == GP_EVENT_IDENTITY_CHECK_PASSED || type == GP_EVENT_IDENTITY_CHECK_FAILED)
        {
          JsonObject *payload = gp_event_get_payload (event);

          g_assert_cmpuint (json_object_get_size (payload), ==, 3);
          g_assert_true (json_object_has_member (payload, "step"));
          g_assert_true (json_object_has_member (payload, "check"));
          g_assert_true (json_object_has_member (payload, "label"));
        }
    }
}

static void
check_json_session (GpJournal  *journal,
                    JsonObject *session,
                    const char *id)
{
  g_autoptr(GPtrArray) events = gp_journal_load_events (journal, id, NULL);
  GpJournalSession *item = gp_journal_find_session (journal, id);
  JsonArray *exported = json_object_get_array_member (session, "events");
  JsonObject *flow = json_object_get_object_member (session, "flow");
  JsonObject *summary = json_object_get_object_member (session, "summary");
  g_autoptr(GPtrArray) parsed = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_nonnull (events);
  g_assert_cmpuint (json_object_get_size (session), ==, 5);
  assert_string_member (flow, "id", gp_journal_session_get_flow_id (item));
  assert_string_member (flow, "version", gp_journal_session_get_flow_version (item));
  g_assert_cmpuint (json_array_get_length (exported), ==, events->len);
  assert_int_member (summary, "events", events->len);
  for (guint i = 0; i < events->len; i++)
    {
      g_autoptr(JsonNode) expected = gp_event_to_json (g_ptr_array_index (events, i));
      g_autoptr(GError) error = NULL;

      g_assert_true (json_node_equal (expected, json_array_get_element (exported, i)));
      g_ptr_array_add (parsed, gp_event_new_from_json (json_array_get_element (exported, i), &error));
      g_assert_no_error (error);
    }
  assert_no_identity_answers (parsed);
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = export_to_string (f->journal, GP_EXPORT_FORMAT_JSON, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = gp_json_parse_strict (text, strlen (text), 128, NULL, NULL, &error);
  g_autoptr(GDateTime) exported = NULL;
  JsonObject *object, *s, *summary;
  JsonArray *sessions;

  g_assert_no_error (error);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  assert_string_member (object, "format", "guidepost-sessions/1");
  exported = g_date_time_new_from_iso8601 (json_object_get_string_member (object, "exported"), NULL);
  g_assert_nonnull (exported);
  sessions = json_object_get_array_member (object, "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), ==, 4);
  /* Oldest first. */
  assert_string_member (json_array_get_object_element (sessions, 0), "id", f->old_id);

  s = find_session (sessions, f->escalated_id);
  check_json_session (f->journal, s, f->escalated_id);
  assert_string_member (s, "mode", "assisted");
  summary = json_object_get_object_member (s, "summary");
  assert_string_member (summary, "familiarity", "new");
  assert_string_member (summary, "outcome", "escalated");
  assert_int_member (summary, "hints_used", 2);
  assert_int_member (summary, "failures_customer", 3);
  assert_int_member (summary, "failures_system", 0);
  assert_int_member (summary, "offers_presented", 0);
  assert_int_member (summary, "offers_accepted", 0);
  assert_int_member (summary, "notes", 1);
  assert_int_member (summary, "complaints", 1);
  assert_string_member (summary, "escalated_to", TRICKY_TEAM);
  assert_string_member (summary, "escalation_priority", "high");
  assert_int_member (summary, "satisfaction", 2);
  g_assert_false (json_object_get_boolean_member (summary, "handed_off"));
  g_assert_nonnull (json_object_get_string_member (summary, "ended"));
  /* The customer's words stay in the JSON record. */
  g_assert_nonnull (strstr (text, MARKER_NOTE));
  g_assert_nonnull (strstr (text, MARKER_COMPLAINT));
  g_assert_nonnull (strstr (text, MARKER_COMMENT));

  s = find_session (sessions, f->completed_id);
  check_json_session (f->journal, s, f->completed_id);
  summary = json_object_get_object_member (s, "summary");
  assert_string_member (summary, "outcome", "completed");
  assert_int_member (summary, "offers_presented", 1);
  assert_int_member (summary, "offers_accepted", 1);
  assert_int_member (summary, "failures_customer", 0);
  assert_string_member (summary, "escalated_to", NULL);
  assert_int_member (summary, "satisfaction", 5);

  s = find_session (sessions, f->unfinished_id);
  check_json_session (f->journal, s, f->unfinished_id);
  assert_string_member (s, "mode", "self-service");
  summary = json_object_get_object_member (s, "summary");
  assert_string_member (summary, "outcome", "unfinished");
  assert_string_member (summary, "ended", NULL);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (summary, "satisfaction")));

  s = find_session (sessions, f->old_id);
  check_json_session (f->journal, s, f->old_id);
  summary = json_object_get_object_member (s, "summary");
  assert_string_member (summary, "started", "2020-03-01T10:00:00Z");
  /* started, intake, entered at creation, then next (2 events) and a hint, one second each */
  assert_int_member (summary, "duration_s", 3);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *text = export_to_string (f->journal, GP_EXPORT_FORMAT_CSV, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (text);
  static const char * const header[] = {
    "session_id", "flow_id", "flow_version", "mode", "familiarity", "started", "duration_s",
    "outcome", "hints_used", "failures_customer", "failures_system", "offers_presented",
    "offers_accepted", "escalated_to", "escalation_priority", "satisfaction", NULL,
  };
  char **row;

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_true (g_strv_equal ((const char * const *) g_ptr_array_index (rows, 0), header));
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==, G_N_ELEMENTS (header) - 1);

  /* Oldest first: the old session, then the others in the order they began. */
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row[0], ==, f->old_id);
  g_assert_cmpstr (row[3], ==, "training");
  g_assert_cmpstr (row[5], ==, "2020-03-01T10:00:00Z");
  g_assert_cmpstr (row[6], ==, "3");
  g_assert_cmpstr (row[7], ==, "unfinished");
  g_assert_cmpstr (row[8], ==, "1");

  row = g_ptr_array_index (rows, 2);
  {
    const char * const expected[] = {
      f->escalated_id, "test-sign-in", "1.0.0", "assisted", "new", NULL, NULL, "escalated",
      "2", "3", "0", "0", "0", TRICKY_TEAM, "high", "2", NULL,
    };
    g_autoptr(GDateTime) started = g_date_time_new_from_iso8601 (row[5], NULL);

    for (guint c = 0; c < G_N_ELEMENTS (header) - 1; c++)
      if (expected[c] != NULL)
        g_assert_cmpstr (row[c], ==, expected[c]);
    g_assert_nonnull (started);
    g_assert_true (g_str_has_suffix (row[5], "Z"));
    g_assert_cmpint (g_ascii_strtoll (row[6], NULL, 10), >=, 14);
  }

  row = g_ptr_array_index (rows, 3);
  g_assert_cmpstr (row[0], ==, f->completed_id);
  g_assert_cmpstr (row[7], ==, "completed");
  g_assert_cmpstr (row[11], ==, "1");
  g_assert_cmpstr (row[12], ==, "1");
  g_assert_cmpstr (row[13], ==, "");
  g_assert_cmpstr (row[14], ==, "");
  g_assert_cmpstr (row[15], ==, "5");

  row = g_ptr_array_index (rows, 4);
  g_assert_cmpstr (row[0], ==, f->unfinished_id);
  g_assert_cmpstr (row[1], ==, "regain-online-banking");
  g_assert_cmpstr (row[3], ==, "self-service");
  g_assert_cmpstr (row[7], ==, "unfinished");
  g_assert_cmpstr (row[15], ==, "");

  /* Redaction: none of the customer's words, in any form. */
  g_assert_null (strstr (text, MARKER_NOTE));
  g_assert_null (strstr (text, MARKER_COMPLAINT));
  g_assert_null (strstr (text, MARKER_COMMENT));
  g_assert_null (strstr (text, MARKER_GOAL));
  g_assert_null (strstr (text, "zq-"));
}

static void
test_since (Fixture       *f,
            gconstpointer  data)
{
  struct { gint64 since_us; guint n_sessions; } cases[] = {
    { OLD_START_US, 4 },                       /* at or after: the old session counts */
    { OLD_START_US + 1, 3 },
    { G_GINT64_CONSTANT (1609459200000000), 3 }, /* 2021-01-01 */
    { g_get_real_time () + (gint64) G_USEC_PER_SEC * 3600 * 24 * 365, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) since = g_date_time_new_from_unix_utc (cases[i].since_us / G_USEC_PER_SEC);
      g_autoptr(GDateTime) exact = g_date_time_add (since, cases[i].since_us % G_USEC_PER_SEC);
      g_autofree char *json = export_to_string (f->journal, GP_EXPORT_FORMAT_JSON, exact);
      g_autofree char *csv = export_to_string (f->journal, GP_EXPORT_FORMAT_CSV, exact);
      g_autoptr(JsonNode) root = gp_json_parse_strict (json, strlen (json), 128, NULL, NULL, NULL);
      g_autoptr(GPtrArray) rows = parse_csv (csv);

      g_assert_nonnull (root);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "sessions")),
                        ==, cases[i].n_sessions);
      g_assert_cmpuint (rows->len, ==, cases[i].n_sessions + 1);
    }
}

static void
test_export_one (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *sessions;

  g_assert_false (gp_session_export_one (f->journal, "no-such-session", out, NULL, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION);
  g_clear_error (&error);

  g_assert_true (gp_session_export_one (f->journal, f->completed_id, out, NULL, &error));
  g_assert_no_error (error);
  root = gp_json_parse_strict (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                               g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                               128, NULL, NULL, &error);
  g_assert_no_error (error);
  sessions = json_object_get_array_member (json_node_get_object (root), "sessions");
  g_assert_cmpuint (json_array_get_length (sessions), ==, 1);
  check_json_session (f->journal, json_array_get_object_element (sessions, 0), f->completed_id);
}

/* The command line */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *output = g_build_filename (g_get_tmp_dir (), "sessions.csv", NULL);

  {
    g_auto(GpTestRun) run = { 0 };
    g_autoptr(GPtrArray) rows = NULL;

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "csv", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    rows = parse_csv (run.out);
    g_assert_cmpuint (rows->len, ==, 5);
    g_assert_null (strstr (run.out, "zq-"));
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *contents = NULL;
    g_autoptr(GPtrArray) rows = NULL;

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions=csv", "--since", "2021-01-01", "--output", output,
                   "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
    rows = parse_csv (contents);
    g_assert_cmpuint (rows->len, ==, 4);
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autoptr(JsonNode) root = NULL;

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "json", "--since", "2020-03-01T10:00:00Z", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    root = gp_json_parse_strict (run.out, strlen (run.out), 128, NULL, NULL, NULL);
    g_assert_nonnull (root);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "sessions")), ==, 4);
    g_assert_nonnull (strstr (run.out, MARKER_NOTE));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "xml", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown export format “xml”"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "csv", "--since", "2021-13-45", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "“2021-13-45” is not a date"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "csv", "--output", "/nonexistent-dir/out.csv", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "cannot write /nonexistent-dir/out.csv"));
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "missing.db", NULL);

    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "csv", "--journal", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, missing));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *garbage = g_build_filename (g_get_tmp_dir (), "garbage.db", NULL);

    g_assert_true (g_file_set_contents (garbage, "this is not a database, not at all, no no no no no no", -1, NULL));
    gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "csv", "--journal", garbage, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, garbage));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--since", "2021-01-01", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "go with --export-sessions"));
  }
}

/* A damaged event row: the export fails (exit 1) and leaves no file behind. */
static void
test_cli_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *output = g_build_filename (g_get_tmp_dir (), "damaged.json", NULL);
  g_auto(GpTestRun) run = { 0 };

  g_clear_object (&f->journal);
  gp_test_journal_damage_event (f->path, 2);

  gp_test_run_guidepost (&run, NULL, NULL, "--export-sessions", "json", "--output", output, "--journal", f->path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "export to"));
  g_assert_nonnull (strstr (run.err, "damaged"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guidepost/export/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/guidepost/export/csv", Fixture, NULL, fixture_set_up, test_csv, fixture_tear_down);
  g_test_add ("/guidepost/export/since", Fixture, NULL, fixture_set_up, test_since, fixture_tear_down);
  g_test_add ("/guidepost/export/one", Fixture, NULL, fixture_set_up, test_export_one, fixture_tear_down);
  g_test_add ("/guidepost/export/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/guidepost/export/cli-failure", Fixture, NULL, fixture_set_up, test_cli_failure, fixture_tear_down);

  return g_test_run ();
}
