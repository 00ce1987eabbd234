/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <guidepost/gp-flow.h>
#include <guidepost/gp-flow-library.h>
#include <guidepost/gp-json.h>
#include <guidepost/gp-handoff.h>
#include <guidepost/gp-session-export.h>

#include "gp-journal-private.h"
#include "gp-session-export-private.h"
#include "gp-session-private.h"

/* A code is a bearer secret for one session: it comes from the kernel's cryptographic
 * source, never from g_random.  8 characters of 31 give about 8.5 × 10¹¹ codes. */

#define CODE_LENGTH 8
#define MAX_FILE_SIZE (64 * 1024 * 1024)
/* root → sessions → session → events → event → payload, then the payload's own depth */
#define MAX_FILE_DEPTH (GP_JOURNAL_PAYLOAD_MAX_DEPTH + 6)

G_DEFINE_QUARK (gp-handoff-error-quark, gp_handoff_error)

static gboolean
in_alphabet (char c)
{
  return c != '\0' && strchr (GP_HANDOFF_ALPHABET, c) != NULL;
}

gboolean
gp_handoff_code_is_valid (const char *code)
{
  if (code == NULL || strlen (code) != CODE_LENGTH + 1 || code[CODE_LENGTH / 2] != '-')
    return FALSE;
  for (guint i = 0; i < CODE_LENGTH + 1; i++)
    if (i != CODE_LENGTH / 2 && !in_alphabet (code[i]))
      return FALSE;
  return TRUE;
}

char *
gp_handoff_code_normalize (const char *text)
{
  char code[CODE_LENGTH + 2];
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (!in_alphabet (c) || n == CODE_LENGTH)
        return NULL;
      if (n == CODE_LENGTH / 2)
        code[n + 0] = '-';
      code[n + (n >= CODE_LENGTH / 2)] = c;
      n++;
    }
  if (n != CODE_LENGTH)
    return NULL;
  code[CODE_LENGTH + 1] = '\0';
  return g_strdup (code);
}

/* Rejection sampling keeps every character equally likely: 248 = 8 × 31. */
static char *
new_code (GError **error)
{
  const guint alphabet_length = sizeof GP_HANDOFF_ALPHABET - 1;
  const guint limit = 256 - 256 % alphabet_length;
  char code[CODE_LENGTH + 2];
  guint n = 0;

  while (n < CODE_LENGTH)
    {
      guint8 bytes[16];
      ssize_t got = getrandom (bytes, sizeof bytes, 0);

      if (got < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "could not read the system's random source: %s", g_strerror (saved_errno));
          return NULL;
        }
      for (ssize_t i = 0; i < got && n < CODE_LENGTH; i++)
        if (bytes[i] < limit)
          {
            if (n == CODE_LENGTH / 2)
              code[n] = '-';
            code[n + (n >= CODE_LENGTH / 2)] = GP_HANDOFF_ALPHABET[bytes[i] % alphabet_length];
            n++;
          }
    }
  code[CODE_LENGTH + 1] = '\0';
  return g_strdup (code);
}

/* Returns: SQLITE_DONE, SQLITE_CONSTRAINT_PRIMARYKEY for a code in use, or another error */
static int
insert_code (GpJournal  *journal,
             const char *code,
             const char *session_id)
{
  sqlite3 *db = gp_journal_get_db (journal);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "INSERT INTO handoffs (code, session_id, created_us) VALUES (?1, ?2, ?3)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, session_id, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time ());
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return rc;
}

static void
delete_code (GpJournal  *journal,
             const char *code)
{
  sqlite3 *db = gp_journal_get_db (journal);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "DELETE FROM handoffs WHERE code = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        g_debug ("Journal %s: could not withdraw hand-off code %s: %s",
                 gp_journal_get_path (journal), code, sqlite3_errmsg (db));
    }
  sqlite3_finalize (stmt);
}

/* Returns: (transfer full) (nullable): the session of @code, NULL with @error */
static char *
lookup_code (GpJournal   *journal,
             const char  *code,
             GError     **error)
{
  sqlite3 *db = gp_journal_get_db (journal);
  const char *path = gp_journal_get_path (journal);
  sqlite3_stmt *stmt = NULL;
  char *session_id = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT session_id FROM handoffs WHERE code = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        session_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    gp_journal_set_sqlite_error (db, path, error, rc, "look up hand-off code %s", code);
  else if (session_id == NULL)
    g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_UNKNOWN_CODE,
                 "there is no hand-off with code %s in journal %s", code, path);
  sqlite3_finalize (stmt);
  return session_id;
}

char *
gp_handoff_request (GpSession  *session,
                    GpJournal  *journal,
                    GError    **error)
{
  g_autofree char *code = NULL;
  JsonObject *payload;
  int rc = SQLITE_CONSTRAINT_PRIMARYKEY;

  g_return_val_if_fail (GP_IS_SESSION (session), NULL);
  g_return_val_if_fail (GP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Refuse before anything is stored; the fold checks the same again. */
  if (gp_session_get_ended (session))
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_ENDED,
                   "the session has ended: nothing more can happen in it");
      return NULL;
    }
  if (gp_session_get_mode (session) != GP_SESSION_MODE_SELF_SERVICE)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_NOT_ALLOWED,
                   "only a self-service session is handed off to an agent; this one is %s",
                   gp_session_mode_to_string (gp_session_get_mode (session)));
      return NULL;
    }
  if (gp_session_get_sink (session) != GP_EVENT_SINK (journal))
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_NOT_IN_JOURNAL,
                   "session %s does not record its events in journal %s: an agent could not open it",
                   gp_session_get_id (session), gp_journal_get_path (journal));
      return NULL;
    }
  /* The agent replays what the journal holds: everything so far must be in it. */
  if (!gp_session_prepare (session, GP_ACTOR_CUSTOMER, error) ||
      !gp_session_flush (session, error))
    return NULL;

  for (guint attempt = 0; attempt < 8 && rc == SQLITE_CONSTRAINT_PRIMARYKEY; attempt++)
    {
      g_clear_pointer (&code, g_free);
      if ((code = new_code (error)) == NULL)
        return NULL;
      rc = insert_code (journal, code, gp_session_get_id (session));
    }
  if (rc != SQLITE_DONE)
    {
      gp_journal_set_sqlite_error (gp_journal_get_db (journal), gp_journal_get_path (journal), error, rc,
                                   "store a hand-off code for session %s", gp_session_get_id (session));
      return NULL;
    }

  payload = json_object_new ();
  json_object_set_string_member (payload, "code", code);
  if (!gp_session_record (session, GP_EVENT_HANDOFF_REQUESTED, GP_ACTOR_CUSTOMER, payload, error))
    {
      delete_code (journal, code);
      return NULL;
    }
  if (!gp_session_flush (session, error))
    {
      /* The event stays in the session (saved later); the code is withdrawn, as an agent
       * could not open what the journal does not hold yet. */
      delete_code (journal, code);
      g_prefix_error (error, "hand-off code %s withdrawn: ", code);
      return NULL;
    }
  return g_steal_pointer (&code);
}

/* The flow a session was recorded with, by the id and version of its started event. */
static GpFlow *
find_flow (GpFlowLibrary  *library,
           GPtrArray      *events,
           GError        **error)
{
  GpEvent *first = g_ptr_array_index (events, 0);
  JsonObject *payload = gp_event_get_payload (first);
  JsonNode *id_node = json_object_get_member (payload, "flow");
  JsonNode *version_node = json_object_get_member (payload, "version");
  const char *id, *version;
  GpFlow *flow;

  if (gp_event_get_event_type (first) != GP_EVENT_STARTED ||
      id_node == NULL || json_node_get_value_type (id_node) != G_TYPE_STRING ||
      version_node == NULL || json_node_get_value_type (version_node) != G_TYPE_STRING)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "session %s does not begin with a started event naming its flow and version",
                   gp_event_get_session_id (first));
      return NULL;
    }
  id = json_node_get_string (id_node);
  version = json_node_get_string (version_node);
  flow = gp_flow_library_lookup (library, id);
  if (flow == NULL)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_FLOW_UNAVAILABLE,
                   "session %s follows flow “%s” %s, which is not in the flow library",
                   gp_event_get_session_id (first), id, version);
      return NULL;
    }
  if (g_strcmp0 (gp_flow_get_version (flow), version) != 0)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_FLOW_UNAVAILABLE,
                   "session %s follows flow “%s” version %s, but the flow library has version %s",
                   gp_event_get_session_id (first), id, version, gp_flow_get_version (flow));
      return NULL;
    }
  return flow;
}

/* Replays @events, then continues the session in assisted mode with @journal as sink. */
static GpSession *
continue_assisted (GpJournal      *journal,
                   GpFlowLibrary  *library,
                   GPtrArray      *events,
                   const char     *code,
                   GError        **error)
{
  g_autoptr(GpSession) session = NULL;
  JsonObject *payload;
  GpFlow *flow;

  if (events->len == 0)
    {
      g_set_error (error, GP_SESSION_ERROR, GP_SESSION_ERROR_INCONSISTENT,
                   "the session of hand-off code %s has no events", code);
      return NULL;
    }
  if ((flow = find_flow (library, events, error)) == NULL)
    return NULL;
  if ((session = gp_session_new_from_events (flow, events, error)) == NULL)
    return NULL;
  if (session->handed_off)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_ALREADY_HANDED_OFF,
                   "session %s has already been handed off: it continues in assisted mode",
                   gp_session_get_id (session));
      return NULL;
    }

  gp_session_set_sink (session, GP_EVENT_SINK (journal));
  payload = json_object_new ();
  json_object_set_string_member (payload, "code", code);
  json_object_set_string_member (payload, "mode", gp_session_mode_to_string (GP_SESSION_MODE_ASSISTED));
  if (!gp_session_prepare (session, GP_ACTOR_AGENT, error) ||
      !gp_session_record (session, GP_EVENT_HANDED_OFF, GP_ACTOR_AGENT, payload, error))
    return NULL;
  return g_steal_pointer (&session);
}

GpSession *
gp_handoff_open (GpJournal      *journal,
                 GpFlowLibrary  *library,
                 const char     *code,
                 GError        **error)
{
  g_autofree char *normal = NULL;
  g_autofree char *session_id = NULL;
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (GP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if ((normal = gp_handoff_code_normalize (code)) == NULL)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_CODE,
                   "“%s” is not a hand-off code: expected 8 characters of %s, like 7K4M-Q2XD",
                   code, GP_HANDOFF_ALPHABET);
      return NULL;
    }
  if ((session_id = lookup_code (journal, normal, error)) == NULL ||
      (events = gp_journal_load_events (journal, session_id, error)) == NULL)
    return NULL;
  return continue_assisted (journal, library, events, normal, error);
}

/* Strict reading of an exported single-session file: every field, its type, no extras. */

typedef struct {
  const char *file;
  GError    **error;
} Reader;

static gboolean G_GNUC_PRINTF (3, 4)
invalid (Reader     *reader,
         const char *pointer,
         const char *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (reader->error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE,
               "%s#%s: %s", reader->file, pointer, what);
  return FALSE;
}

static gboolean
check_members (Reader             *reader,
               JsonObject         *object,
               const char         *pointer,
               const char * const *names)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &member))
    if (!g_strv_contains (names, name))
      return invalid (reader, pointer, "unknown field “%s”", name);
  for (guint i = 0; names[i] != NULL; i++)
    if (!json_object_has_member (object, names[i]))
      return invalid (reader, pointer, "field “%s” is missing", names[i]);
  return TRUE;
}

static JsonObject *
get_object (Reader     *reader,
            JsonNode   *node,
            const char *pointer)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (reader, pointer, "expected an object");
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *
get_string (Reader     *reader,
            JsonObject *object,
            const char *name,
            const char *pointer)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *where = g_strconcat (pointer, "/", name, NULL);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING || *json_node_get_string (node) == '\0')
    {
      invalid (reader, where, "expected a non-empty string");
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonArray *
get_array (Reader     *reader,
           JsonObject *object,
           const char *name,
           const char *pointer)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *where = g_strconcat (pointer, "/", name, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (reader, where, "expected an array");
      return NULL;
    }
  return json_node_get_array (node);
}

/* Returns: (transfer full) (nullable): the session's events, checked against the rest */
static GPtrArray *
read_export (Reader      *reader,
             JsonNode    *root,
             char       **last_code)
{
  static const char * const root_fields[] = { "format", "exported", "sessions", NULL };
  static const char * const session_fields[] = { "id", "flow", "mode", "summary", "events", NULL };
  static const char * const flow_fields[] = { "id", "version", NULL };
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) exported_time = NULL;
  g_autoptr(JsonNode) summary = NULL;
  JsonObject *object, *session, *flow;
  JsonArray *sessions, *array;
  const char *format, *exported, *id, *flow_id, *flow_version, *mode;
  GpSessionMode parsed_mode;
  GpEvent *first;
  JsonNode *started_flow, *started_version;

  if ((object = get_object (reader, root, "")) == NULL ||
      !check_members (reader, object, "", root_fields) ||
      (format = get_string (reader, object, "format", "")) == NULL ||
      (exported = get_string (reader, object, "exported", "")) == NULL ||
      (sessions = get_array (reader, object, "sessions", "")) == NULL)
    return NULL;
  if (strcmp (format, GP_SESSION_EXPORT_FORMAT) != 0)
    return invalid (reader, "/format", "expected “%s”, not “%s”", GP_SESSION_EXPORT_FORMAT, format), NULL;
  if ((exported_time = g_date_time_new_from_iso8601 (exported, NULL)) == NULL)
    return invalid (reader, "/exported", "expected an ISO 8601 time with a time zone, not “%s”", exported), NULL;
  if (json_array_get_length (sessions) != 1)
    return invalid (reader, "/sessions", "expected exactly one session, not %u", json_array_get_length (sessions)), NULL;

  if ((session = get_object (reader, json_array_get_element (sessions, 0), "/sessions/0")) == NULL ||
      !check_members (reader, session, "/sessions/0", session_fields) ||
      (id = get_string (reader, session, "id", "/sessions/0")) == NULL ||
      (flow = get_object (reader, json_object_get_member (session, "flow"), "/sessions/0/flow")) == NULL ||
      !check_members (reader, flow, "/sessions/0/flow", flow_fields) ||
      (flow_id = get_string (reader, flow, "id", "/sessions/0/flow")) == NULL ||
      (flow_version = get_string (reader, flow, "version", "/sessions/0/flow")) == NULL ||
      (mode = get_string (reader, session, "mode", "/sessions/0")) == NULL ||
      get_object (reader, json_object_get_member (session, "summary"), "/sessions/0/summary") == NULL ||
      (array = get_array (reader, session, "events", "/sessions/0")) == NULL)
    return NULL;
  if (!gp_session_mode_from_string (mode, &parsed_mode))
    return invalid (reader, "/sessions/0/mode", "“%s” is not a session mode (assisted, self-service, training)", mode), NULL;
  if (json_array_get_length (array) == 0)
    return invalid (reader, "/sessions/0/events", "expected at least the started event"), NULL;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *pointer = g_strdup_printf ("/sessions/0/events/%u", i);
      g_autoptr(GError) local_error = NULL;
      GpEvent *event = gp_event_new_from_json (json_array_get_element (array, i), &local_error);

      if (event == NULL)
        return invalid (reader, pointer, "%s", local_error->message), NULL;
      g_ptr_array_add (events, event);
      if (strcmp (gp_event_get_session_id (event), id) != 0)
        return invalid (reader, pointer, "event of session %s in session %s", gp_event_get_session_id (event), id), NULL;
      if (gp_event_get_seq (event) != i + 1)
        return invalid (reader, pointer, "expected seq %u, not %" G_GUINT64_FORMAT, i + 1, gp_event_get_seq (event)), NULL;
      if (gp_event_get_event_type (event) == GP_EVENT_HANDOFF_REQUESTED)
        {
          JsonNode *code = json_object_get_member (gp_event_get_payload (event), "code");

          if (code == NULL || json_node_get_value_type (code) != G_TYPE_STRING ||
              !gp_handoff_code_is_valid (json_node_get_string (code)))
            return invalid (reader, pointer, "expected payload field “code” with a hand-off code"), NULL;
          g_free (*last_code);
          *last_code = json_node_dup_string (code);
        }
    }

  first = g_ptr_array_index (events, 0);
  started_flow = json_object_get_member (gp_event_get_payload (first), "flow");
  started_version = json_object_get_member (gp_event_get_payload (first), "version");
  if (gp_event_get_event_type (first) != GP_EVENT_STARTED ||
      started_flow == NULL || json_node_get_value_type (started_flow) != G_TYPE_STRING ||
      started_version == NULL || json_node_get_value_type (started_version) != G_TYPE_STRING)
    return invalid (reader, "/sessions/0/events/0", "expected the started event with the flow and its version"), NULL;
  if (strcmp (json_node_get_string (started_flow), flow_id) != 0 ||
      strcmp (json_node_get_string (started_version), flow_version) != 0)
    return invalid (reader, "/sessions/0/flow", "flow %s %s differs from the started event's %s %s",
                    flow_id, flow_version, json_node_get_string (started_flow),
                    json_node_get_string (started_version)), NULL;

  /* The summary is derived: a file whose summary disagrees was edited or damaged. */
  summary = gp_session_export_summary (events, 0);
  if (!json_node_equal (summary, json_object_get_member (session, "summary")))
    return invalid (reader, "/sessions/0/summary", "does not match the session's events"), NULL;
  {
    JsonNode *started_mode = json_object_get_member (gp_event_get_payload (first), "mode");
    gboolean handed_off = json_node_get_boolean (json_object_get_member (json_node_get_object (summary), "handed_off"));
    const char *expected = handed_off ? gp_session_mode_to_string (GP_SESSION_MODE_ASSISTED)
                         : started_mode != NULL && json_node_get_value_type (started_mode) == G_TYPE_STRING
                           ? json_node_get_string (started_mode) : "";

    if (strcmp (expected, mode) != 0)
      return invalid (reader, "/sessions/0/mode", "“%s” does not match the session's events (%s)", mode, expected), NULL;
  }
  return g_steal_pointer (&events);
}

/* Copies the file's events into @journal; events already there must be the same. */
static gboolean
import_events (GpJournal  *journal,
               GPtrArray  *events,
               GError    **error)
{
  GpEvent *first = g_ptr_array_index (events, 0);
  JsonObject *payload = gp_event_get_payload (first);

  if (!gp_journal_begin_session (journal, gp_event_get_session_id (first),
                                 json_object_get_string_member (payload, "flow"),
                                 json_object_get_string_member (payload, "version"),
                                 json_object_get_string_member (payload, "mode"), error))
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (!gp_journal_append (journal, g_ptr_array_index (events, i), error))
      return FALSE;
  return TRUE;
}

GpSession *
gp_handoff_open_file (GFile          *exported_session_file,
                      GpFlowLibrary  *library,
                      GpJournal      *journal,
                      GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *code = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  Reader reader;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (exported_session_file), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (GP_IS_JOURNAL (journal), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (exported_session_file);
  info = g_file_query_info (exported_session_file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL ||
      !g_file_load_contents (exported_session_file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE,
                   "%s: cannot read the session file: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_FILE_SIZE || length > MAX_FILE_SIZE)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE,
                   "%s: a session file is at most %d MiB", name, MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  root = gp_json_parse_strict (contents, length, MAX_FILE_DEPTH, NULL, NULL, &local_error);
  if (root == NULL)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_FILE,
                   "%s:%s", name, local_error->message);
      return NULL;
    }

  reader.file = name;
  reader.error = error;
  if ((events = read_export (&reader, root, &code)) == NULL)
    return NULL;
  if (code == NULL)
    {
      g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_NOT_REQUESTED,
                   "%s: the session never asked for a hand-off (no handoff-requested event)", name);
      return NULL;
    }

  /* Replay before touching the journal, so a refused file leaves no trace in it. */
  {
    GpFlow *flow = find_flow (library, events, error);
    g_autoptr(GpSession) check = NULL;

    if (flow == NULL)
      return NULL;
    if ((check = gp_session_new_from_events (flow, events, error)) == NULL)
      {
        g_prefix_error (error, "%s: ", name);
        return NULL;
      }
    if (check->handed_off)
      {
        g_set_error (error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_ALREADY_HANDED_OFF,
                     "%s: session %s has already been handed off: it continues in assisted mode",
                     name, gp_session_get_id (check));
        return NULL;
      }
    if (check->mode != GP_SESSION_MODE_SELF_SERVICE || check->ended)
      {
        g_set_error (error, GP_SESSION_ERROR, check->ended ? GP_SESSION_ERROR_ENDED : GP_SESSION_ERROR_NOT_ALLOWED,
                     "%s: session %s %s", name, gp_session_get_id (check),
                     check->ended ? "has ended: nothing more can happen in it"
                                  : "is not a self-service session");
        return NULL;
      }
  }

  if (!import_events (journal, events, error))
    return NULL;
  return continue_assisted (journal, library, events, code, error);
}
