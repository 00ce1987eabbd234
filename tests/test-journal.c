/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <guidepost/guidepost.h>
#include <guidepost/gp-session.h>

#include "gp-fault-vfs.h"
#include "gp-session-test-utils.h"

#define CRASH_ROUNDS 20
#define SESSION_ID "s-0001"

static const char *self_path;

/* The schema as version 1 wrote it, to check the upgrade of an old file. */
static const char schema_v1[] =
  "CREATE TABLE sessions ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  flow_id TEXT NOT NULL,"
  "  flow_version TEXT NOT NULL,"
  "  mode TEXT NOT NULL);"
  "CREATE TABLE events ("
  "  session_id TEXT NOT NULL REFERENCES sessions (id),"
  "  seq INTEGER NOT NULL CHECK (seq >= 1),"
  "  type TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  wall_us INTEGER NOT NULL,"
  "  mono_us INTEGER NOT NULL,"
  "  payload TEXT NOT NULL,"
  "  PRIMARY KEY (session_id, seq)) WITHOUT ROWID;"
  "PRAGMA user_version = 1;";

static GpEvent *
make_event (const char *session_id,
            guint64     seq)
{
  g_autoptr(JsonObject) payload = json_object_new ();
  GpEventType type = seq == 1 ? GP_EVENT_STARTED : GP_EVENT_NOTE_ADDED;

  json_object_set_int_member (payload, "n", (gint64) seq);
  json_object_set_string_member (payload, "text", "Customer is reading the letter — «ünïcode» ok");
  return gp_event_new (session_id, seq, type, seq % 2 ? GP_ACTOR_AGENT : GP_ACTOR_CUSTOMER,
                       1700000000000000 + (gint64) seq * 1000, (gint64) seq * 1000, payload);
}

/* gp_test_open_journal(), and a journal must come back. */
static GpJournal *
open_journal (const char *path)
{
  GpJournal *journal = gp_test_open_journal (path);

  g_assert_nonnull (journal);
  return journal;
}

static void
append_ok (GpJournal  *journal,
           const char *session_id,
           guint64     seq)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpEvent) event = make_event (session_id, seq);

  g_assert_true (gp_journal_append (journal, event, &error));
  g_assert_no_error (error);
}

static void
assert_events (GpJournal  *journal,
               const char *session_id,
               guint64     n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = gp_journal_load_events (journal, session_id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, n);
  for (guint i = 0; i < events->len; i++)
    {
      GpEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GpEvent) expected = make_event (session_id, i + 1);
      g_autoptr(JsonNode) a = gp_event_to_json (event);
      g_autoptr(JsonNode) b = gp_event_to_json (expected);

      g_assert_cmpuint (gp_event_get_seq (event), ==, i + 1);
      g_assert_true (json_node_equal (a, b));
    }
}

static void
test_round_trip (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(JsonObject) nested = json_object_new ();
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(GpEvent) rich = NULL;

  g_assert_cmpstr (gp_journal_get_path (journal), ==, path);
  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "renew-parking-permit", "1.2.0", "assisted", &error));
  g_assert_no_error (error);
  for (guint64 seq = 1; seq <= 20; seq++)
    append_ok (journal, SESSION_ID, seq);

  /* Every JSON kind survives the trip. */
  json_array_add_int_element (list, 1);
  json_array_add_double_element (list, 2.5);
  json_array_add_null_element (list);
  json_object_set_boolean_member (nested, "yes", TRUE);
  json_object_set_array_member (payload, "list", g_steal_pointer (&list));
  json_object_set_object_member (payload, "nested", g_steal_pointer (&nested));
  json_object_set_string_member (payload, "quote", "\"'\\\n\t");
  rich = gp_event_new (SESSION_ID, 21, GP_EVENT_ESCALATED, GP_ACTOR_TRAINER, 1, 2, payload);
  g_assert_true (gp_journal_append (journal, rich, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_journal_get_last_seq (journal, SESSION_ID, &error), ==, 21);
  g_assert_no_error (error);
  g_clear_object (&journal);

  /* Read back by a new connection, as after a restart. */
  journal = open_journal (path);
  events = gp_journal_load_events (journal, SESSION_ID, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 21);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GpEvent) expected = make_event (SESSION_ID, i + 1);
      g_autoptr(JsonNode) a = gp_event_to_json (g_ptr_array_index (events, i));
      g_autoptr(JsonNode) b = gp_event_to_json (expected);

      g_assert_true (json_node_equal (a, b));
    }
  {
    g_autoptr(JsonNode) a = gp_event_to_json (g_ptr_array_index (events, 20));
    g_autoptr(JsonNode) b = gp_event_to_json (rich);
    g_assert_true (json_node_equal (a, b));
  }

  /* A session without events loads as an empty list; an unknown one too. */
  g_assert_true (gp_journal_begin_session (journal, "empty", "f", "1", "training", &error));
  g_clear_pointer (&events, g_ptr_array_unref);
  events = gp_journal_load_events (journal, "empty", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
  g_assert_finalize_object (g_steal_pointer (&journal));
}

/* Rows written by other means (an older version, a repair tool, damage): every payload
 * text either loads exactly as JSON says or gives CORRUPT, never a crash. */
static void
test_payload_text (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GString) deep = g_string_new ("{\"a\":");
  JsonObject *payload;
  JsonArray *array;
  g_autofree char *sql = NULL;
  static const char *const damaged[] = {
    "not json", "[1, 2]", "{\"a\": 1", "{\"a\": 1} trailing", "{\"a\": tru}", "{\"a\" 1}",
    "{\"a\": \"\\q\"}", "{\"a\": 1,}", "", "\"text\"",
  };

  g_assert_true (gp_journal_begin_session (journal, "p", "f", "1", "assisted", &error));
  g_assert_no_error (error);
  gp_test_journal_exec (path,
                        "INSERT INTO events VALUES ('p', 1, 'note-added', 'agent', 1, 1,"
                        " ' { \"smile\" : \"\\ud83d\\ude00\", \"e\":\"\\u00e9\\/\\b\\f\\r\", \"n\": -1.5e3,"
                        "   \"i\": -9007199254740993, \"c\": [true, false, null, {}, []], \"o\": {\"x\": {\"y\": 0}} } ')");
  events = gp_journal_load_events (journal, "p", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  payload = gp_event_get_payload (g_ptr_array_index (events, 0));
  g_assert_cmpstr (json_object_get_string_member (payload, "smile"), ==, "\xf0\x9f\x98\x80");
  g_assert_cmpstr (json_object_get_string_member (payload, "e"), ==, "\xc3\xa9/\b\f\r");
  g_assert_cmpfloat (json_object_get_double_member (payload, "n"), ==, -1500.0);
  g_assert_cmpint (json_object_get_int_member (payload, "i"), ==, G_GINT64_CONSTANT (-9007199254740993));
  array = json_object_get_array_member (payload, "c");
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  g_assert_true (json_array_get_boolean_element (array, 0));
  g_assert_false (json_array_get_boolean_element (array, 1));
  g_assert_true (json_array_get_null_element (array, 2));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                     json_object_get_object_member (payload, "o"), "x"), "y"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autoptr(GPtrArray) none = NULL;
      char *row = sqlite3_mprintf ("INSERT OR REPLACE INTO events VALUES ('p', 2, 'note-added', 'agent', 1, 1, %Q)",
                                   damaged[i]);

      gp_test_journal_exec (path, row);
      sqlite3_free (row);
      none = gp_journal_load_events (journal, "p", &error);
      g_assert_null (none);
      g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "event 2 of session p"));
      g_clear_error (&error);
    }

  /* Nesting that would overflow JsonParser's stack. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  sql = sqlite3_mprintf ("INSERT OR REPLACE INTO events VALUES ('p', 2, 'note-added', 'agent', 1, 1, %Q)", deep->str);
  gp_test_journal_exec (path, sql);
  sqlite3_free (g_steal_pointer (&sql));
  g_assert_null (gp_journal_load_events (journal, "p", &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CORRUPT);
  g_clear_error (&error);

  /* A gap left by damage is found too. */
  gp_test_journal_exec (path, "DELETE FROM events WHERE seq = 2;"
                              "INSERT INTO events VALUES ('p', 3, 'note-added', 'agent', 1, 1, '{}')");
  g_assert_null (gp_journal_load_events (journal, "p", &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "expected seq 2"));
}

static void
test_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournal) journal = gp_journal_new_default (&error);
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "guidepost", "journal.db", NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (gp_journal_get_path (journal), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_wal (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autofree char *mode = gp_test_journal_query_text (path, "PRAGMA journal_mode");
  g_autofree char *version = gp_test_journal_query_text (path, "PRAGMA user_version");

  g_assert_cmpstr (mode, ==, "wal");
  g_assert_cmpstr (version, ==, G_STRINGIFY (GP_JOURNAL_SCHEMA_VERSION));
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     GString    *log)
{
  g_string_append_printf (log, "%u-%u+%u;", position, removed, added);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: the notified property names, sorted: thawing does not keep their order */
static char *
sorted_names (GString *log)
{
  g_auto(GStrv) names = g_strsplit (log->str, ";", -1);
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] != '\0')
      g_ptr_array_add (list, names[i]);
  g_ptr_array_sort (list, compare_names);
  g_ptr_array_add (list, NULL);
  return g_strjoinv (" ", (char **) list->pdata);
}

static void
test_list_model (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) notified = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournalSession) first = NULL;
  g_autoptr(GpJournalSession) second = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(JsonObject) payload = json_object_new ();
  g_autoptr(GpEvent) ended = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (journal)) == GP_TYPE_JOURNAL_SESSION);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (journal)), ==, 0);
  g_signal_connect (journal, "items-changed", G_CALLBACK (count_items_changed), log);

  g_assert_true (gp_journal_begin_session (journal, "a", "flow-a", "1.0.0", "assisted", &error));
  g_assert_no_error (error);
  g_usleep (2000);   /* distinct creation times, so "newest first" is well defined */
  g_assert_true (gp_journal_begin_session (journal, "b", "flow-b", "2.0.0", "self-service", &error));
  g_assert_no_error (error);
  /* Beginning again changes nothing. */
  g_assert_true (gp_journal_begin_session (journal, "a", "flow-a", "1.0.0", "assisted", &error));
  g_assert_cmpstr (log->str, ==, "0-0+1;0-0+1;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (journal)), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (journal), 2));

  first = g_list_model_get_item (G_LIST_MODEL (journal), 0);
  second = g_list_model_get_item (G_LIST_MODEL (journal), 1);
  g_assert_cmpstr (gp_journal_session_get_id (first), ==, "b");
  g_assert_cmpstr (gp_journal_session_get_flow_id (first), ==, "flow-b");
  g_assert_cmpstr (gp_journal_session_get_flow_version (first), ==, "2.0.0");
  g_assert_cmpstr (gp_journal_session_get_mode (first), ==, "self-service");
  g_assert_cmpstr (gp_journal_session_get_id (second), ==, "a");
  g_assert_true (gp_journal_find_session (journal, "a") == second);
  g_assert_null (gp_journal_find_session (journal, "nope"));

  g_signal_connect (second, "notify", G_CALLBACK (count_notify), notified);
  append_ok (journal, "a", 1);
  {
    g_autofree char *names = sorted_names (notified);
    g_assert_cmpstr (names, ==, "last-event-time n-events started");
  }
  g_assert_cmpint (gp_journal_session_get_started (second), ==, 1700000000001000);
  append_ok (journal, "a", 2);
  g_assert_cmpuint (gp_journal_session_get_n_events (second), ==, 2);
  g_assert_cmpint (gp_journal_session_get_last_event_time (second), ==, 1700000000002000);
  g_assert_false (gp_journal_session_get_ended (second));
  g_assert_null (gp_journal_session_get_outcome (second));

  json_object_set_string_member (payload, "outcome", "completed");
  ended = gp_event_new ("a", 3, GP_EVENT_ENDED, GP_ACTOR_AGENT, 1700000000003000, 3000, payload);
  g_string_truncate (notified, 0);
  g_assert_true (gp_journal_append (journal, ended, &error));
  g_assert_no_error (error);
  {
    g_autofree char *names = sorted_names (notified);
    g_assert_cmpstr (names, ==, "ended last-event-time n-events outcome");
  }
  g_assert_true (gp_journal_session_get_ended (second));
  g_assert_cmpstr (gp_journal_session_get_outcome (second), ==, "completed");
  /* Item changes are property notifications; the list itself did not change. */
  g_assert_cmpstr (log->str, ==, "0-0+1;0-0+1;");

  unfinished = gp_journal_list_unfinished (journal);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_cmpstr (gp_journal_session_get_id (g_ptr_array_index (unfinished, 0)), ==, "b");
  g_clear_pointer (&unfinished, g_ptr_array_unref);
  g_signal_handlers_disconnect_by_data (second, notified);
  g_clear_object (&first);
  g_clear_object (&second);
  g_assert_finalize_object (g_steal_pointer (&journal));

  /* The same list after a restart. */
  journal = open_journal (path);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (journal)), ==, 2);
  first = g_list_model_get_item (G_LIST_MODEL (journal), 0);
  second = g_list_model_get_item (G_LIST_MODEL (journal), 1);
  g_assert_cmpstr (gp_journal_session_get_id (first), ==, "b");
  g_assert_cmpuint (gp_journal_session_get_n_events (first), ==, 0);
  g_assert_false (gp_journal_session_get_ended (first));
  g_assert_cmpstr (gp_journal_session_get_id (second), ==, "a");
  g_assert_cmpuint (gp_journal_session_get_n_events (second), ==, 3);
  g_assert_cmpint (gp_journal_session_get_started (second), ==, 1700000000001000);
  g_assert_cmpint (gp_journal_session_get_last_event_time (second), ==, 1700000000003000);
  g_assert_true (gp_journal_session_get_ended (second));
  g_assert_cmpstr (gp_journal_session_get_outcome (second), ==, "completed");
  unfinished = gp_journal_list_unfinished (journal);
  g_assert_cmpuint (unfinished->len, ==, 1);
}

static void
test_sequence (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpEvent) gap = make_event (SESSION_ID, 5);
  g_autoptr(GpEvent) stranger = make_event ("never-begun", 1);
  g_autoptr(GpEvent) again = make_event (SESSION_ID, 2);
  g_autoptr(GpEvent) different = gp_event_new (SESSION_ID, 2, GP_EVENT_NOTE_ADDED, GP_ACTOR_AGENT, 1, 1, NULL);

  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
  append_ok (journal, SESSION_ID, 1);
  append_ok (journal, SESSION_ID, 2);
  append_ok (journal, SESSION_ID, 3);

  /* seq 5 before 4: refused, and nothing stored */
  g_assert_false (gp_journal_append (journal, gap, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_OUT_OF_ORDER);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "4 must come first"));
  g_clear_error (&error);

  g_assert_false (gp_journal_append (journal, stranger, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION);
  g_clear_error (&error);
  g_assert_cmpuint (gp_journal_get_last_seq (journal, "never-begun", &error), ==, G_MAXUINT64);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION);
  g_clear_error (&error);

  /* A retry of a stored event succeeds and stores nothing new ... */
  g_assert_true (gp_journal_append (journal, again, &error));
  g_assert_no_error (error);
  /* ... but another event under a stored seq is a conflict. */
  g_assert_false (gp_journal_append (journal, different, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CONFLICT);
  g_clear_error (&error);

  assert_events (journal, SESSION_ID, 3);
  g_assert_cmpuint (gp_journal_session_get_n_events (gp_journal_find_session (journal, SESSION_ID)), ==, 3);
  append_ok (journal, SESSION_ID, 4);
  append_ok (journal, SESSION_ID, 5);
  assert_events (journal, SESSION_ID, 5);
}

static void
test_migration_from_v1 (void)
{
  g_autofree char *path = gp_test_journal_path ("journal-v1.db");
  g_autofree char *version = NULL;
  g_autofree char *index = NULL;
  g_autofree char *created = NULL;
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GpJournalSession) item = NULL;
  g_autoptr(GString) sql = g_string_new (schema_v1);

  /* A version-1 file with one session of 3 events, as version 1 wrote them. */
  g_string_append (sql, "INSERT INTO sessions VALUES ('old', 'renew-parking-permit', '1.0.0', 'assisted');");
  for (guint seq = 1; seq <= 3; seq++)
    {
      g_autoptr(GpEvent) event = make_event ("old", seq);
      g_autoptr(JsonNode) payload = json_node_init_object (json_node_alloc (), gp_event_get_payload (event));
      g_autofree char *text = json_to_string (payload, FALSE);
      char *quoted = sqlite3_mprintf ("%Q", text);

      g_string_append_printf (sql, "INSERT INTO events VALUES ('old', %u, '%s', '%s', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %s);",
                              seq, gp_event_type_to_string (gp_event_get_event_type (event)),
                              gp_actor_to_string (gp_event_get_actor (event)),
                              gp_event_get_wall_time (event), gp_event_get_monotonic_time (event), quoted);
      sqlite3_free (quoted);
    }
  gp_test_journal_exec (path, sql->str);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  g_clear_pointer (&version, g_free);

  journal = open_journal (path);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (GP_JOURNAL_SCHEMA_VERSION));
  index = gp_test_journal_query_text (path, "SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'events_ended'");
  g_assert_cmpstr (index, ==, "events_ended");
  /* The new column is filled from the first event. */
  created = gp_test_journal_query_text (path, "SELECT created_us FROM sessions WHERE id = 'old'");
  g_assert_cmpstr (created, ==, "1700000000001000");

  assert_events (journal, "old", 3);
  item = g_list_model_get_item (G_LIST_MODEL (journal), 0);
  g_assert_cmpstr (gp_journal_session_get_id (item), ==, "old");
  g_assert_cmpuint (gp_journal_session_get_n_events (item), ==, 3);
  append_ok (journal, "old", 4);
  g_clear_object (&journal);

  /* Opening an upgraded file again runs no migration. */
  journal = open_journal (path);
  assert_events (journal, "old", 4);
}

/* A step that fails leaves the file as it was: all steps share one transaction. */
static void
test_migration_rolled_back (void)
{
  g_autofree char *path = gp_test_journal_path ("journal-v1.db");
  g_autofree char *version = NULL;
  g_autofree char *columns = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GString) sql = g_string_new (schema_v1);

  /* Something in the way of migration 2's index. */
  g_string_append (sql, "CREATE TABLE sessions_by_created (x);");
  gp_test_journal_exec (path, sql->str);

  journal = gp_journal_new_for_path (path, &error);
  g_assert_null (journal);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "upgrade the schema from version 1"));
  g_debug ("expected: %s", error->message);
  g_clear_error (&error);

  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "1");
  columns = gp_test_journal_query_text (path, "SELECT COUNT (*) FROM pragma_table_info ('sessions') WHERE name = 'created_us'");
  g_assert_cmpstr (columns, ==, "0");

  /* Once the obstacle is gone, the upgrade goes through. */
  gp_test_journal_exec (path, "DROP TABLE sessions_by_created");
  journal = open_journal (path);
  g_clear_pointer (&version, g_free);
  version = gp_test_journal_query_text (path, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, G_STRINGIFY (GP_JOURNAL_SCHEMA_VERSION));
}

static void
test_migration_too_new (void)
{
  g_autofree char *path = gp_test_journal_path ("journal-v99.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournal) journal = NULL;

  gp_test_journal_exec (path, "CREATE TABLE future (x); PRAGMA user_version = 99;");
  journal = gp_journal_new_for_path (path, &error);
  g_assert_null (journal);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, path));
  g_debug ("%s", error->message);
}

/* The crash child: appends events of SESSION_ID after the last stored one and prints
 * each seq once append returned TRUE, until killed. */
static int
crash_child (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournal) journal = gp_journal_new_for_path (path, &error);
  guint64 last;

  if (journal == NULL ||
      !gp_journal_begin_session (journal, SESSION_ID, "crash", "1", "assisted", &error) ||
      (last = gp_journal_get_last_seq (journal, SESSION_ID, &error)) == G_MAXUINT64)
    {
      fprintf (stderr, "crash child: %s\n", error->message);
      return 1;
    }

  for (guint64 seq = last + 1; seq < last + 100000; seq++)
    {
      g_autoptr(GpEvent) event = make_event (SESSION_ID, seq);

      if (!gp_journal_append (journal, event, &error))
        {
          fprintf (stderr, "crash child: %s\n", error->message);
          return 1;
        }
      printf ("%" G_GUINT64_FORMAT "\n", seq);
      fflush (stdout);
    }
  return 0;
}

static void
test_crash (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  guint64 stored = 0;

  for (guint round = 0; round < CRASH_ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) child = NULL;
      g_autoptr(GDataInputStream) lines = NULL;
      g_autoptr(GpJournal) journal = NULL;
      g_autoptr(GPtrArray) events = NULL;
      guint kill_after = g_test_rand_int_range (0, 40);
      guint64 reported = stored;
      char *line;

      child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                self_path, "--crash-child", path, NULL);
      g_assert_no_error (error);
      lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

      /* Kill at a random moment: after some reported events, plus a random delay that
       * often lands inside an append. */
      for (guint n = 0; n < kill_after; n++)
        {
          line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
          g_assert_no_error (error);
          g_assert_nonnull (line);
          g_assert_cmpuint (g_ascii_strtoull (line, NULL, 10), ==, reported + 1);
          reported++;
          g_free (line);
        }
      g_usleep (g_test_rand_int_range (0, 3000));
      g_subprocess_force_exit (child);

      /* What it printed before it died was reported durable too. */
      while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
        {
          g_assert_cmpuint (g_ascii_strtoull (line, NULL, 10), ==, reported + 1);
          reported++;
          g_free (line);
        }
      g_assert_no_error (error);
      g_subprocess_wait (child, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (child));
      g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

      journal = open_journal (path);
      events = gp_journal_load_events (journal, SESSION_ID, &error);
      g_assert_no_error (error);
      /* Every reported event is there, in order, no gaps or duplicates; at most the one
       * being reported when the child died is there unreported. */
      g_assert_cmpuint (events->len, >=, reported);
      g_assert_cmpuint (events->len, <=, reported + 1);
      for (guint i = 0; i < events->len; i++)
        {
          GpEvent *event = g_ptr_array_index (events, i);

          g_assert_cmpuint (gp_event_get_seq (event), ==, i + 1);
          g_assert_cmpint (json_object_get_int_member (gp_event_get_payload (event), "n"), ==, i + 1);
        }
      g_test_message ("round %u: killed after %" G_GUINT64_FORMAT " reported, %u stored",
                      round, reported, events->len);
      stored = events->len;
      {
        GpJournalSession *item = gp_journal_find_session (journal, SESSION_ID);

        /* Killed before it had begun the session: nothing listed, nothing stored. */
        if (item == NULL)
          g_assert_cmpuint (stored, ==, 0);
        else
          g_assert_cmpuint (gp_journal_session_get_n_events (item), ==, stored);
      }
    }
  /* The next child resumed after the last stored seq each round, so across rounds the
   * journal grew without a restart from 1. */
  g_assert_cmpuint (stored, >, 0);
}

static void
setup_faults (void)
{
  gp_fault_vfs_install ();
  gp_fault_vfs_clear ();
}

static void
check_write_fault (int  sqlite_rc,
                   int  expected)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GError) error = NULL;
  guint64 seq = 1;

  setup_faults ();
  journal = open_journal (path);
  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
  g_assert_no_error (error);
  append_ok (journal, SESSION_ID, seq++);

  /* Fail at different points inside the commit: the first write, a later frame ... */
  for (guint after = 0; after < 6; after++)
    {
      g_autoptr(GpEvent) event = NULL;
      g_autoptr(GpJournal) reader = NULL;

      gp_fault_vfs_fail_writes (sqlite_rc, after);
      for (;; seq++)
        {
          g_clear_object (&event);
          event = make_event (SESSION_ID, seq);
          if (!gp_journal_append (journal, event, &error))
            break;
        }
      g_assert_error (error, GP_JOURNAL_ERROR, expected);
      g_assert_nonnull (strstr (error->message, path));
      g_debug ("expected: %s", error->message);
      g_clear_error (&error);
      g_assert_cmpuint (gp_fault_vfs_get_n_injected (), >, 0);

      /* While the fault lasts, the retry fails the same way. */
      g_assert_false (gp_journal_append (journal, event, &error));
      g_assert_error (error, GP_JOURNAL_ERROR, expected);
      g_clear_error (&error);

      gp_fault_vfs_clear ();

      /* Nothing half-written: another connection sees exactly the events before, or
       * (after a failed sync whose frames reached the file) also the failed one. */
      reader = open_journal (path);
      {
        guint64 last = gp_journal_get_last_seq (reader, SESSION_ID, &error);

        g_assert_no_error (error);
        g_assert_true (last == seq - 1 || (last == seq && (sqlite_rc & 0xff) == SQLITE_IOERR));
        assert_events (reader, SESSION_ID, last);
      }
      g_clear_object (&reader);

      /* The cause went away: the same event is offered again and stored once. */
      g_assert_true (gp_journal_append (journal, event, &error));
      g_assert_no_error (error);
      g_assert_true (gp_journal_append (journal, event, &error));
      g_assert_no_error (error);
      seq++;
      append_ok (journal, SESSION_ID, seq++);
      assert_events (journal, SESSION_ID, seq - 1);
    }
  g_clear_object (&journal);

  journal = open_journal (path);
  assert_events (journal, SESSION_ID, seq - 1);
}

static void
test_disk_full (void)
{
  check_write_fault (SQLITE_FULL, GP_JOURNAL_ERROR_FULL);
}

static void
test_io_error (void)
{
  check_write_fault (SQLITE_IOERR_WRITE, GP_JOURNAL_ERROR_IO);
}

static void
test_read_only_file (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  setup_faults ();
  g_clear_object (&journal);
  journal = open_journal (path);
  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
  append_ok (journal, SESSION_ID, 1);
  g_clear_object (&journal);

  gp_fault_vfs_refuse_writable (TRUE);
  journal = gp_journal_new_for_path (path, &error);
  g_assert_null (journal);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_debug ("expected: %s", error->message);
  g_clear_error (&error);

  gp_fault_vfs_clear ();
  journal = open_journal (path);
  append_ok (journal, SESSION_ID, 2);
  assert_events (journal, SESSION_ID, 2);
  g_clear_object (&journal);

  /* The real thing, where permissions apply (not as root). */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      journal = gp_journal_new_for_path (path, &error);
      g_assert_null (journal);
      g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (path, 0644), ==, 0);
    }
}

static void
test_read_only_folder (void)
{
  g_autofree char *folder = gp_test_journal_path ("ro");
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GError) error = NULL;

  setup_faults ();
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);

  /* A new journal in a folder that refuses new files. */
  gp_fault_vfs_refuse_create (TRUE);
  journal = gp_journal_new_for_path (path, &error);
  g_assert_null (journal);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, path));
  g_debug ("expected: %s", error->message);
  g_clear_error (&error);
  gp_fault_vfs_clear ();

  /* An existing journal there: WAL needs to create its -wal and -shm files beside it. */
  journal = open_journal (path);
  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
  append_ok (journal, SESSION_ID, 1);
  g_clear_object (&journal);
  gp_fault_vfs_refuse_create (TRUE);
  journal = gp_journal_new_for_path (path, &error);
  g_assert_null (journal);
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY);
  g_debug ("expected: %s", error->message);
  g_clear_error (&error);
  gp_fault_vfs_clear ();

  journal = open_journal (path);
  append_ok (journal, SESSION_ID, 2);
  g_clear_object (&journal);

  if (geteuid () != 0)
    {
      g_autofree char *inner = g_build_filename (folder, "new.db", NULL);

      g_assert_cmpint (g_chmod (folder, 0555), ==, 0);
      journal = gp_journal_new_for_path (inner, &error);
      g_assert_null (journal);
      g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_READ_ONLY);
      g_clear_error (&error);
      g_assert_cmpint (g_chmod (folder, 0755), ==, 0);
    }
}

static void
check_corrupt (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GpJournal) journal = gp_journal_new_for_path (path, &error);

  if (journal != NULL)
    {
      /* Damage found only when the damaged pages are read. */
      g_autoptr(GPtrArray) events = gp_journal_load_events (journal, SESSION_ID, &error);

      g_assert_null (events);
    }
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
  g_debug ("expected: %s", error->message);
}

static void
test_corrupt (void)
{
  g_autofree char *garbage = gp_test_journal_path ("garbage.db");
  g_autofree char *truncated = gp_test_journal_path ("truncated.db");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* Not a database at all. */
  {
    char bytes[8192];

    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = (char) g_test_rand_int_range (0, 256);
    g_assert_true (g_file_set_contents (garbage, bytes, sizeof bytes, &error));
    check_corrupt (garbage);
  }

  /* A real journal, cut short. */
  {
    g_autoptr(GpJournal) journal = open_journal (truncated);

    g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
    for (guint64 seq = 1; seq <= 400; seq++)
      append_ok (journal, SESSION_ID, seq);
  }
  g_assert_true (g_file_get_contents (truncated, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  g_assert_true (g_file_set_contents (truncated, contents, length / 2, &error));
  check_corrupt (truncated);

  /* A header overwritten. */
  memset (contents, 'x', 100);
  g_assert_true (g_file_set_contents (truncated, contents, length, &error));
  check_corrupt (truncated);
}

static void
test_locked (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpJournal) journal = open_journal (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GpEvent) event = make_event (SESSION_ID, 2);
  sqlite3 *other = NULL;
  gint64 start;

  g_assert_true (gp_journal_begin_session (journal, SESSION_ID, "f", "1", "assisted", &error));
  append_ok (journal, SESSION_ID, 1);
  gp_journal_set_busy_timeout (journal, 200);

  /* Another program holds the write lock. */
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  start = g_get_monotonic_time ();
  g_assert_false (gp_journal_append (journal, event, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 150 * 1000);
  g_debug ("expected: %s", error->message);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);

  g_assert_true (gp_journal_append (journal, event, &error));
  g_assert_no_error (error);
  assert_events (journal, SESSION_ID, 2);
}

static void
count_sink_errors (GpSession *session,
                   GError    *error,
                   guint     *n)
{
  (*n)++;
}

static void
test_session_resume (void)
{
  g_autofree char *path = gp_test_journal_path ("journal.db");
  g_autoptr(GpFlow) flow = gp_test_load_bundled ("submit-meter-reading.en-GB.json");
  g_autoptr(GpJournal) journal = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autoptr(GpSession) resumed = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) unfinished = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  g_autofree char *state = NULL;
  g_autofree char *resumed_state = NULL;
  guint n_sink_errors = 0;

  setup_faults ();
  journal = open_journal (path);
  session = gp_session_new (flow, GP_SESSION_MODE_ASSISTED, "send my meter reading",
                            GP_FAMILIARITY_NEW, "cannot find where to type it",
                            GP_EVENT_SINK (journal));
  g_signal_connect (session, "sink-error", G_CALLBACK (count_sink_errors), &n_sink_errors);
  id = g_strdup (gp_session_get_id (session));
  g_assert_true (gp_session_show_why (session, GP_ACTOR_AGENT, &error));
  g_assert_no_error (error);
  g_assert_true (gp_session_add_note (session, GP_ACTOR_AGENT, "customer has the bill", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 0);

  /* The disk fills up: the session carries on in memory ... */
  gp_fault_vfs_fail_writes (SQLITE_FULL, 0);
  g_assert_true (gp_session_add_note (session, GP_ACTOR_AGENT, "while the disk is full", &error));
  g_assert_no_error (error);
  g_assert_true (gp_session_reveal_hint (session, GP_ACTOR_AGENT, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 2);
  g_assert_cmpuint (n_sink_errors, >, 0);
  g_assert_false (gp_session_flush (session, &error));
  g_assert_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FULL);
  g_clear_error (&error);

  /* ... and writes what it kept once there is room again. */
  gp_fault_vfs_clear ();
  g_assert_true (gp_session_flush (session, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (session), ==, 0);
  g_assert_true (gp_session_add_note (session, GP_ACTOR_CUSTOMER, "found it", &error));
  g_assert_no_error (error);
  state = gp_session_describe_state (session);
  g_assert_cmpuint (gp_journal_session_get_n_events (gp_journal_find_session (journal, id)), ==,
                    gp_session_get_n_events (session));
  g_clear_object (&session);
  g_clear_object (&journal);

  /* After a restart the unfinished session is listed and resumes exactly. */
  journal = open_journal (path);
  unfinished = gp_journal_list_unfinished (journal);
  g_assert_cmpuint (unfinished->len, ==, 1);
  g_assert_cmpstr (gp_journal_session_get_id (g_ptr_array_index (unfinished, 0)), ==, id);
  g_assert_cmpstr (gp_journal_session_get_flow_id (g_ptr_array_index (unfinished, 0)), ==, "submit-meter-reading");
  g_assert_cmpstr (gp_journal_session_get_mode (g_ptr_array_index (unfinished, 0)), ==, "assisted");
  events = gp_journal_load_events (journal, id, &error);
  g_assert_no_error (error);
  resumed = gp_session_new_from_events (flow, events, &error);
  g_assert_no_error (error);
  resumed_state = gp_session_describe_state (resumed);
  g_assert_cmpstr (resumed_state, ==, state);

  /* It records on into the same journal, after the stored events. */
  gp_session_set_sink (resumed, GP_EVENT_SINK (journal));
  g_assert_true (gp_session_end (resumed, GP_ACTOR_AGENT, GP_OUTCOME_ABANDONED, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gp_session_get_n_unsaved_events (resumed), ==, 0);
  g_assert_true (gp_journal_session_get_ended (gp_journal_find_session (journal, id)));
  g_assert_cmpstr (gp_journal_session_get_outcome (gp_journal_find_session (journal, id)), ==, "abandoned");
  g_clear_pointer (&events, g_ptr_array_unref);
  events = gp_journal_load_events (journal, id, &error);
  g_assert_cmpuint (events->len, ==, gp_session_get_n_events (resumed));
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && strcmp (argv[1], "--crash-child") == 0)
    return crash_child (argv[2]);

  self_path = argv[0];
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/guidepost/journal/round-trip", test_round_trip);
  g_test_add_func ("/guidepost/journal/payload-text", test_payload_text);
  g_test_add_func ("/guidepost/journal/default-path", test_default_path);
  g_test_add_func ("/guidepost/journal/wal", test_wal);
  g_test_add_func ("/guidepost/journal/list-model", test_list_model);
  g_test_add_func ("/guidepost/journal/sequence", test_sequence);
  g_test_add_func ("/guidepost/journal/migration/from-v1", test_migration_from_v1);
  g_test_add_func ("/guidepost/journal/migration/rolled-back", test_migration_rolled_back);
  g_test_add_func ("/guidepost/journal/migration/too-new", test_migration_too_new);
  g_test_add_func ("/guidepost/journal/crash", test_crash);
  g_test_add_func ("/guidepost/journal/disk-full", test_disk_full);
  g_test_add_func ("/guidepost/journal/io-error", test_io_error);
  g_test_add_func ("/guidepost/journal/read-only-file", test_read_only_file);
  g_test_add_func ("/guidepost/journal/read-only-folder", test_read_only_folder);
  g_test_add_func ("/guidepost/journal/corrupt", test_corrupt);
  g_test_add_func ("/guidepost/journal/locked", test_locked);
  g_test_add_func ("/guidepost/journal/session-resume", test_session_resume);

  return g_test_run ();
}
