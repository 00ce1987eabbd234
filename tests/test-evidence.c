/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "gp-session-test-utils.h"

/* The D4 evidence record: sessions recorded through the engine into a journal, the JSON
 * report parsed back and checked criterion by criterion against the events (exact seq
 * numbers), the HTML page's structure and escaping, the customer's words that must never
 * appear, and the command line through the real binary. */

#define MARKER_NOTE      "zq-note-41c7e2"
#define MARKER_COMPLAINT "zq-complaint-9d03aa"
#define MARKER_CHECK     "zq-check-label-5b61f0"
#define MARKER_REASON    "zq-reason-e27c19"
#define MARKER_TEAM      "zq-team-70af3d"
#define MARKER_COMMENT   "zq-comment-c3d802"
#define GOAL_NEW         "Pay my bill & sign in"
#define PROBLEM_NEW      "Cannot remember the password"
#define GOAL_FAMILIAR    "Change my address"
#define WITNESS          "Seen by <J. Smith> & colleague:\nconfident, patient support."

typedef struct {
  char      *path;
  GpJournal *journal;
  char      *new_id;        /* base flow, assisted, new: try-again declined, why, customer failure, driver, complaint, escalated */
  char      *familiar_id;   /* base flow with a marker check label, assisted, familiar: offer accepted, identity checks, completed */
  char      *system_id;     /* bundled flow, training, familiar: system failure injected, reported, recovered */
  char      *unfinished_id; /* base flow, assisted, never ended: left out by default */
} Fixture;

static void
build_new (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "base.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session_full (flow, GP_SESSION_MODE_ASSISTED, GOAL_NEW, GP_FAMILIARITY_NEW,
                                                     PROBLEM_NEW, GP_EVENT_SINK (f->journal), &clock);

  gp_assert_ok (gp_session_offer_try_again (s, GP_ACTOR_AGENT, E));                 /* 4 */
  gp_assert_ok (gp_session_answer_try_again (s, GP_ACTOR_CUSTOMER, FALSE, E));      /* 5 */
  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_AGENT, E));                        /* 6 */
  gp_assert_ok (gp_session_change_driver (s, GP_ACTOR_AGENT, GP_ACTOR_AGENT, E));   /* 7 */
  gp_assert_ok (gp_session_change_driver (s, GP_ACTOR_AGENT, GP_ACTOR_CUSTOMER, E)); /* 8 */
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));                         /* 9, 10 */
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_CUSTOMER, "wrong-password", E));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_add_note (s, GP_ACTOR_AGENT, "Said " MARKER_NOTE, E));
  gp_assert_ok (gp_session_log_complaint (s, GP_ACTOR_AGENT, GP_PRIORITY_NORMAL, MARKER_COMPLAINT " <b>slow</b>", E));
  gp_assert_ok (gp_session_escalate (s, GP_ACTOR_AGENT, MARKER_TEAM, GP_PRIORITY_HIGH, MARKER_REASON, E));
  gp_assert_ok (gp_session_record_satisfaction (s, GP_ACTOR_CUSTOMER, 3, MARKER_COMMENT, E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E));
  g_assert_cmpuint (gp_session_get_n_unsaved_events (s), ==, 0);
  f->new_id = g_strdup (gp_session_get_id (s));
}

static void
build_familiar (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_base_edited_bytes ("/steps/3/checks", "[\"" MARKER_CHECK "\", \"Postcode\"]", NULL);
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "checks.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session_full (flow, GP_SESSION_MODE_ASSISTED, GOAL_FAMILIAR, GP_FAMILIARITY_FAMILIAR,
                                                     NULL, GP_EVENT_SINK (f->journal), &clock);

  gp_assert_ok (gp_session_next (s, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_present_offer (s, GP_ACTOR_AGENT, "paperless", E));
  gp_assert_ok (gp_session_answer_offer (s, GP_ACTOR_CUSTOMER, NULL, "paperless", GP_OFFER_ANSWER_ACCEPTED, E));
  gp_assert_ok (gp_session_next (s, GP_ACTOR_CUSTOMER, E));
  gp_assert_ok (gp_session_choose (s, GP_ACTOR_CUSTOMER, 0, E));
  gp_assert_ok (gp_session_pass_check (s, GP_ACTOR_AGENT, 0, E));
  gp_assert_ok (gp_session_fail_check (s, GP_ACTOR_AGENT, 1, E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ESCALATED, E));
  f->familiar_id = g_strdup (gp_session_get_id (s));
}

static void
build_system (Fixture *f)
{
  g_autoptr(GpFlowLibrary) library = gp_flow_library_new ();
  GpFlow *flow = gp_flow_library_lookup (library, "regain-online-banking");
  GpTestClock clock;
  g_autoptr(GpSession) s = NULL;

  g_assert_nonnull (flow);
  s = gp_test_new_session_full (flow, GP_SESSION_MODE_TRAINING, "Get back into online banking", GP_FAMILIARITY_FAMILIAR,
                                "The site says it is down", GP_EVENT_SINK (f->journal), &clock);
  gp_assert_ok (gp_session_inject_failure (s, GP_ACTOR_TRAINER, "online-banking-down", E));
  gp_assert_ok (gp_session_report_failure (s, GP_ACTOR_AGENT, "online-banking-down", E));
  gp_assert_ok (gp_session_take_recovery (s, GP_ACTOR_AGENT, E));
  gp_assert_ok (gp_session_end (s, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, E));
  f->system_id = g_strdup (gp_session_get_id (s));
}

static void
build_unfinished (Fixture *f)
{
  g_autoptr(GBytes) bytes = gp_test_read_fixture ("base.json");
  g_autoptr(GpFlow) flow = gp_test_load_flow_bytes (bytes, "base.json");
  GpTestClock clock;
  g_autoptr(GpSession) s = gp_test_new_session_full (flow, GP_SESSION_MODE_ASSISTED, "Unfinished goal", GP_FAMILIARITY_NEW,
                                                     NULL, GP_EVENT_SINK (f->journal), &clock);

  gp_assert_ok (gp_session_show_why (s, GP_ACTOR_AGENT, E));
  f->unfinished_id = g_strdup (gp_session_get_id (s));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->journal = gp_test_open_fresh_journal ("evidence", &f->path);
  build_new (f);
  build_familiar (f);
  build_system (f);
  build_unfinished (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->journal);
  g_free (f->path);
  g_free (f->new_id);
  g_free (f->familiar_id);
  g_free (f->system_id);
  g_free (f->unfinished_id);
}

static char *
report_to_string (GpJournal          *journal,
                  const char * const *ids,
                  GpEvidenceFormat    format,
                  const char         *witness)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_evidence_report_write (journal, ids, format, witness, out, NULL, &error));
  g_assert_no_error (error);
  return gp_test_memory_stream_steal_text (out);
}

/* Which events each criterion must list: 'N', 'F', 'S' for the new, familiar and system
 * sessions, then the seq; in report order. */
typedef struct {
  const char *id;
  const char *expected;   /* "N2 F2 S2" */
  gboolean    witness;    /* no automatic evidence */
} Expectation;

static const Expectation expectations[] = {
  { "1.1", "", TRUE },
  { "1.2", "N2 F2 S2", FALSE },
  { "1.3", "N2 F2 S2", FALSE },
  { "1.4", "N4 N5", FALSE },
  { "1.5", "N2 N16 S2", FALSE },
  { "2.1", "", TRUE },
  { "2.2", "N9 N10 F8 F9 F11", FALSE },
  { "2.3", "N15", FALSE },
  { "2.4", "N6", FALSE },
  { "2.5", "N7 N8", FALSE },
  { "2.6", "F6 F7", FALSE },
  { "3.1", "", TRUE },
  { "3.2", "", TRUE },
  { "3.3", "", TRUE },
  { "3.4", "", TRUE },
  { "3.5", "", TRUE },
  { "3.6", "", TRUE },
  { "3.7", "", TRUE },
  { "4a", "N2", FALSE },
  { "4b", "F2 S2", FALSE },
  { "5a", "N11 N12", FALSE },
  { "5b", "S4 S5 S6", FALSE },
};

static const char *
session_for (Fixture *f,
             char     letter)
{
  switch (letter)
    {
    case 'N': return f->new_id;
    case 'F': return f->familiar_id;
    case 'S': return f->system_id;
    case 'U': return f->unfinished_id;
    default: g_assert_not_reached ();
    }
}

static char *
iso_time (gint64 wall_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_us / G_USEC_PER_SEC);

  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ");
}

/* Every evidence item names a real event of its session: type, actor and time agree. */
static void
check_item (Fixture    *f,
            JsonObject *item,
            const char *session,
            guint64     seq)
{
  g_autoptr(GPtrArray) events = gp_journal_load_events (f->journal, session, NULL);
  GpJournalSession *listed = gp_journal_find_session (f->journal, session);
  GpEvent *event;
  g_autofree char *time = NULL;

  g_assert_cmpuint (json_object_get_size (item), ==, 7);
  g_assert_cmpstr (json_object_get_string_member (item, "session"), ==, session);
  g_assert_cmpint (json_object_get_int_member (item, "seq"), ==, (gint64) seq);
  g_assert_nonnull (events);
  g_assert_cmpuint (seq, >=, 1);
  g_assert_cmpuint (seq, <=, events->len);
  event = g_ptr_array_index (events, seq - 1);
  g_assert_cmpuint (gp_event_get_seq (event), ==, seq);
  g_assert_cmpstr (json_object_get_string_member (item, "flow"), ==, gp_journal_session_get_flow_id (listed));
  g_assert_cmpstr (json_object_get_string_member (item, "event"), ==, gp_event_type_to_string (gp_event_get_event_type (event)));
  g_assert_cmpstr (json_object_get_string_member (item, "actor"), ==, gp_actor_to_string (gp_event_get_actor (event)));
  time = iso_time (gp_event_get_wall_time (event));
  g_assert_cmpstr (json_object_get_string_member (item, "time"), ==, time);
  g_assert_cmpstr (json_object_get_string_member (item, "description"), !=, "");
  g_assert_null (strchr (json_object_get_string_member (item, "description"), '\n'));
}

static void
assert_no_private_words (const char *text)
{
  g_assert_null (strstr (text, MARKER_NOTE));
  g_assert_null (strstr (text, MARKER_COMPLAINT));
  g_assert_null (strstr (text, MARKER_CHECK));
  g_assert_null (strstr (text, MARKER_REASON));
  g_assert_null (strstr (text, MARKER_TEAM));
  g_assert_null (strstr (text, MARKER_COMMENT));
  g_assert_null (strstr (text, "zq-"));
  g_assert_null (strstr (text, "<b>slow"));
  g_assert_null (strstr (text, "&lt;b&gt;slow"));
  g_assert_null (strstr (text, "Postcode"));
}

static JsonObject *
parse_report (const char *text,
              JsonNode  **root)
{
  g_autoptr(GError) error = NULL;

  *root = gp_json_parse_strict (text, strlen (text), 64, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*root);
  return json_node_get_object (*root);
}

static void
check_criteria (Fixture    *f,
                JsonObject *report)
{
  JsonArray *criteria = json_object_get_array_member (report, "criteria");

  g_assert_cmpuint (json_array_get_length (criteria), ==, G_N_ELEMENTS (expectations));
  for (guint c = 0; c < G_N_ELEMENTS (expectations); c++)
    {
      JsonObject *criterion = json_array_get_object_element (criteria, c);
      JsonArray *evidence = json_object_get_array_member (criterion, "evidence");
      g_auto(GStrv) wanted = g_strsplit (expectations[c].expected, " ", -1);
      guint n_wanted = expectations[c].expected[0] != '\0' ? g_strv_length (wanted) : 0;
      JsonNode *note = json_object_get_member (criterion, "note");

      g_test_message ("criterion %s", expectations[c].id);
      g_assert_cmpuint (json_object_get_size (criterion), ==, 4);
      g_assert_cmpstr (json_object_get_string_member (criterion, "id"), ==, expectations[c].id);
      g_assert_cmpuint (strlen (json_object_get_string_member (criterion, "title")), >, 20);
      if (expectations[c].witness)
        g_assert_cmpstr (json_node_get_string (note), ==, "No automatic evidence; needs a witness statement");
      else if (strcmp (expectations[c].id, "2.3") == 0)
        g_assert_nonnull (strstr (json_node_get_string (note), "witness statement"));
      else
        g_assert_true (JSON_NODE_HOLDS_NULL (note));
      g_assert_cmpuint (json_array_get_length (evidence), ==, n_wanted);
      for (guint i = 0; i < n_wanted; i++)
        check_item (f, json_array_get_object_element (evidence, i), session_for (f, wanted[i][0]),
                    g_ascii_strtoull (wanted[i] + 1, NULL, 10));
    }
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *text = report_to_string (f->journal, NULL, GP_EVIDENCE_FORMAT_JSON, WITNESS);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = parse_report (text, &root);
  JsonArray *sessions = json_object_get_array_member (report, "sessions");
  JsonArray *criteria = json_object_get_array_member (report, "criteria");
  g_autoptr(GDateTime) generated = NULL;

  g_assert_cmpuint (json_object_get_size (report), ==, 6);
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "guidepost-evidence/1");
  g_assert_cmpstr (json_object_get_string_member (report, "unit"), ==, "D4");
  g_assert_cmpstr (json_object_get_string_member (report, "witness_statement"), ==, WITNESS);
  generated = g_date_time_new_from_iso8601 (json_object_get_string_member (report, "generated"), NULL);
  g_assert_nonnull (generated);

  /* Finished sessions only, oldest first. */
  g_assert_cmpuint (json_array_get_length (sessions), ==, 3);
  g_assert_cmpstr (json_array_get_string_element (sessions, 0), ==, f->new_id);
  g_assert_cmpstr (json_array_get_string_element (sessions, 1), ==, f->familiar_id);
  g_assert_cmpstr (json_array_get_string_element (sessions, 2), ==, f->system_id);
  check_criteria (f, report);

  /* The goal and the agreed problem are the only words of the customer copied. */
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (
    json_object_get_array_member (json_array_get_object_element (criteria, 1), "evidence"), 0), "description"), GOAL_NEW));
  g_assert_nonnull (strstr (text, PROBLEM_NEW));
  g_assert_nonnull (strstr (text, GOAL_FAMILIAR));
  assert_no_private_words (text);
  g_assert_null (strstr (text, f->unfinished_id));
}

static void
test_without_witness (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *json = report_to_string (f->journal, NULL, GP_EVIDENCE_FORMAT_JSON, NULL);
  g_autofree char *html = report_to_string (f->journal, NULL, GP_EVIDENCE_FORMAT_HTML, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = parse_report (json, &root);

  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (report, "witness_statement")));
  g_assert_nonnull (strstr (html, "No witness statement recorded"));
  g_assert_nonnull (strstr (html, "Signature"));
}

static void
test_selected (Fixture       *f,
               gconstpointer  data)
{
  const char *ids[] = { f->unfinished_id, f->system_id, f->unfinished_id, NULL };
  const char *unknown[] = { f->system_id, "no-such-session", NULL };
  g_autofree char *text = report_to_string (f->journal, ids, GP_EVIDENCE_FORMAT_JSON, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = parse_report (text, &root);
  JsonArray *sessions = json_object_get_array_member (report, "sessions");
  JsonArray *criteria = json_object_get_array_member (report, "criteria");
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  /* Named sessions, in the order named, each once; unfinished ones too. */
  g_assert_cmpuint (json_array_get_length (sessions), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (sessions, 0), ==, f->unfinished_id);
  g_assert_cmpstr (json_array_get_string_element (sessions, 1), ==, f->system_id);
  for (guint c = 0; c < json_array_get_length (criteria); c++)
    {
      JsonObject *criterion = json_array_get_object_element (criteria, c);
      JsonArray *evidence = json_object_get_array_member (criterion, "evidence");
      const char *id = json_object_get_string_member (criterion, "id");

      if (strcmp (id, "2.4") == 0)
        {
          g_assert_cmpuint (json_array_get_length (evidence), ==, 1);
          check_item (f, json_array_get_object_element (evidence, 0), f->unfinished_id, 4);
        }
      else if (strcmp (id, "4a") == 0)
        {
          g_assert_cmpuint (json_array_get_length (evidence), ==, 1);
          check_item (f, json_array_get_object_element (evidence, 0), f->unfinished_id, 2);
        }
      else if (strcmp (id, "5b") == 0)
        g_assert_cmpuint (json_array_get_length (evidence), ==, 3);
      else if (strcmp (id, "5a") == 0 || strcmp (id, "1.4") == 0 || strcmp (id, "2.6") == 0)
        g_assert_cmpuint (json_array_get_length (evidence), ==, 0);
    }
  g_assert_null (strstr (text, f->new_id));

  g_assert_false (gp_evidence_report_write (f->journal, unknown, GP_EVIDENCE_FORMAT_HTML, NULL, out, NULL, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

/* A small structural check: every element opened is closed, in order (void elements
 * excepted), no raw '<' or '&' outside tags and entities. */
static void
check_html_structure (const char *html)
{
  static const char * const void_elements[] = { "meta", "br", NULL };
  g_autoptr(GPtrArray) stack = g_ptr_array_new_with_free_func (g_free);
  const char *p = html;

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  p += strlen ("<!DOCTYPE html>\n");
  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          gboolean closing = p[1] == '/';
          const char *name_start = p + (closing ? 2 : 1);
          gsize name_len = strspn (name_start, "abcdefghijklmnopqrstuvwxyz0123456789");
          g_autofree char *name = g_strndup (name_start, name_len);

          g_assert_nonnull (end);
          g_assert_cmpuint (name_len, >, 0);
          g_assert_null (memchr (p + 1, '<', end - p - 1));
          if (strcmp (name, "style") == 0 && !closing)
            {
              /* CSS has no '<'; skip to its end tag. */
              end = strstr (p, "</style>");
              g_assert_nonnull (end);
              p = end + strlen ("</style>");
              continue;
            }
          if (closing)
            {
              g_assert_cmpuint (stack->len, >, 0);
              g_assert_cmpstr (g_ptr_array_index (stack, stack->len - 1), ==, name);
              g_ptr_array_remove_index (stack, stack->len - 1);
            }
          else if (!g_strv_contains (void_elements, name))
            g_ptr_array_add (stack, g_steal_pointer (&name));
          p = end + 1;
        }
      else if (*p == '&')
        {
          const char *semicolon = strchr (p, ';');

          g_assert_nonnull (semicolon);
          g_assert_cmpint (semicolon - p, <=, 8);
          p = semicolon + 1;
        }
      else
        {
          g_assert_cmpint (*p, !=, '>');
          p++;
        }
    }
  g_assert_cmpuint (stack->len, ==, 0);
}

static guint
count (const char *text,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static void
test_html (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *html = report_to_string (f->journal, NULL, GP_EVIDENCE_FORMAT_HTML, WITNESS);
  guint n_empty = 0;

  g_assert_true (g_utf8_validate (html, -1, NULL));
  check_html_structure (html);
  g_assert_nonnull (strstr (html, "<html lang=\"en-GB\">"));
  g_assert_nonnull (strstr (html, "<meta charset=\"utf-8\">"));
  g_assert_nonnull (strstr (html, "<style>"));
  g_assert_null (strstr (html, "<link"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "http"));
  g_assert_cmpuint (count (html, "<h1"), ==, 1);
  /* One section per criterion, and the witness statement. */
  g_assert_cmpuint (count (html, "<section"), ==, G_N_ELEMENTS (expectations) + 1);
  for (guint c = 0; c < G_N_ELEMENTS (expectations); c++)
    {
      g_autofree char *heading = g_strdup_printf ("<h2 id=\"c-%s\">%s ", expectations[c].id, expectations[c].id);

      g_assert_nonnull (strstr (html, heading));
      if (expectations[c].expected[0] == '\0')
        n_empty++;
    }
  g_assert_cmpuint (count (html, "No evidence recorded"), ==, n_empty);
  g_assert_cmpuint (count (html, "<th scope=\"col\">Session</th>"), ==, G_N_ELEMENTS (expectations) - n_empty);
  /* 1.2 (3) + 1.3 (3) + 1.4 (2) + 1.5 (3) + 2.2 (5) + 2.3 + 2.4 + 2.5 (2) + 2.6 (2) + 4a + 4b (2) + 5a (2) + 5b (3) */
  g_assert_cmpuint (count (html, "<tr><td>"), ==, 30);

  /* The witness statement, escaped, at the end, then a line to sign. */
  g_assert_null (strstr (html, "<J. Smith>"));
  g_assert_nonnull (strstr (html, "Seen by &lt;J. Smith&gt; &amp; colleague:<br>\nconfident, patient support."));
  g_assert_true (strstr (html, "Witness statement") > strstr (html, "c-5b"));
  g_assert_true (strstr (html, "Signature") > strstr (html, "&lt;J. Smith&gt;"));
  g_assert_nonnull (strstr (html, "Pay my bill &amp; sign in"));
  assert_no_private_words (html);
}

/* The command line */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *output = g_build_filename (g_get_tmp_dir (), "evidence.html", NULL);

  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *contents = NULL;

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "html", "--witness", WITNESS, "--output", output,
                   "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
    g_assert_cmpstr (run.err, ==, "");
    g_assert_true (g_file_get_contents (output, &contents, NULL, NULL));
    check_html_structure (contents);
    g_assert_nonnull (strstr (contents, "Seen by &lt;J. Smith&gt; &amp; colleague:"));
    assert_no_private_words (contents);
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonObject *report;

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "json", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    report = parse_report (run.out, &root);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (report, "witness_statement")));
    check_criteria (f, report);
    assert_no_private_words (run.out);
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *sessions;

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report=json", "--session", f->system_id, "--session=" , "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "there is no session"));
    g_clear_pointer (&run.out, g_free);
    g_clear_pointer (&run.err, g_free);

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report=json", "--session", f->system_id, "--session", f->new_id,
                   "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 0);
    sessions = json_object_get_array_member (parse_report (run.out, &root), "sessions");
    g_assert_cmpuint (json_array_get_length (sessions), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (sessions, 0), ==, f->system_id);
    g_assert_cmpstr (json_array_get_string_element (sessions, 1), ==, f->new_id);
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "pdf", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "unknown evidence report format “pdf”"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "json", "--session", "no-such-session", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "no-such-session"));
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "missing.db", NULL);

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "json", "--journal", missing, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, missing));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    g_auto(GpTestRun) run = { 0 };
    g_autofree char *garbage = g_build_filename (g_get_tmp_dir (), "garbage.db", NULL);

    g_assert_true (g_file_set_contents (garbage, "this is not a database, not at all, no no no no no no", -1, NULL));
    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "html", "--journal", garbage, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, garbage));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "html", "--output", "/nonexistent-dir/out.html", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "cannot write /nonexistent-dir/out.html"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--witness", "Seen", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "go with --evidence-report"));
  }
  {
    g_auto(GpTestRun) run = { 0 };

    gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "json", "--export-sessions", "csv", "--journal", f->path, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* A damaged event: the report fails (exit 1) and leaves no file behind. */
static void
test_cli_failure (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *output = g_build_filename (g_get_tmp_dir (), "damaged.html", NULL);
  g_auto(GpTestRun) run = { 0 };

  g_clear_object (&f->journal);
  gp_test_journal_damage_event (f->path, 2);

  gp_test_run_guidepost (&run, NULL, NULL, "--evidence-report", "html", "--output", output, "--journal", f->path, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "evidence report to"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/guidepost/evidence/json", Fixture, NULL, fixture_set_up, test_json, fixture_tear_down);
  g_test_add ("/guidepost/evidence/without-witness", Fixture, NULL, fixture_set_up, test_without_witness, fixture_tear_down);
  g_test_add ("/guidepost/evidence/selected", Fixture, NULL, fixture_set_up, test_selected, fixture_tear_down);
  g_test_add ("/guidepost/evidence/html", Fixture, NULL, fixture_set_up, test_html, fixture_tear_down);
  g_test_add ("/guidepost/evidence/cli", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/guidepost/evidence/cli-failure", Fixture, NULL, fixture_set_up, test_cli_failure, fixture_tear_down);

  return g_test_run ();
}
