/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include <guidepost/gp-journal.h>
#include <guidepost/gp-json.h>
#include <guidepost/gp-session.h>

#include "gp-journal-private.h"

/* Durability: WAL with synchronous=FULL syncs the WAL on every commit, so an append that
 * returned TRUE survives SIGKILL and power loss.  Each append is one autocommit INSERT. */

#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _GpJournal
{
  GObject        parent_instance;

  char          *path;
  sqlite3       *db;
  sqlite3_stmt  *insert_session;
  sqlite3_stmt  *insert_event;
  sqlite3_stmt  *select_event;
  sqlite3_stmt  *select_last_seq;
  sqlite3_stmt  *select_events;
  JsonGenerator *generator;

  GPtrArray     *sessions;   /* GpJournalSession, newest first */
  GHashTable    *by_id;      /* id → GpJournalSession (borrowed from @sessions) */
};

static void gp_journal_list_model_iface_init (GListModelInterface *iface);
static void gp_journal_event_sink_iface_init (GpEventSinkInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GpJournal, gp_journal, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, gp_journal_list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GP_TYPE_EVENT_SINK, gp_journal_event_sink_iface_init))

#define set_sqlite_error(self, error, rc, ...) \
  gp_journal_set_sqlite_error ((self)->db, (self)->path, error, rc, __VA_ARGS__)

static gboolean
prepare (GpJournal     *self,
         const char    *sql,
         sqlite3_stmt **stmt,
         GError       **error)
{
  int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (self, error, rc, "prepare \"%s\"", sql);
  return TRUE;
}

/* Returns: (transfer full) (nullable): the payload object, NULL when the text is not one */
static JsonObject *
read_payload (const char *text,
              gsize       length)
{
  g_autoptr(JsonNode) node = NULL;

  node = gp_json_parse_strict (text, length, GP_JOURNAL_PAYLOAD_MAX_DEPTH, NULL, NULL, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_dup_object (node);
}

static void
apply_to_item (GpJournalSession *item,
               guint64           seq,
               gint64            wall_us,
               gint64            first_wall_us,
               const char       *ended_outcome,
               gboolean          ended)
{
  gp_journal_session_set_events (item, seq, first_wall_us, wall_us);
  if (ended)
    gp_journal_session_set_ended (item, ended_outcome);
}

static gboolean
load_sessions (GpJournal  *self,
               GError    **error)
{
  /* seq has no gaps, so the last seq is the number of events. */
  static const char sql[] =
    /* A hand-off turns a self-service session into an assisted one (see docs/events.md). */
    "SELECT s.id, s.flow_id, s.flow_version,"
    "  CASE WHEN EXISTS (SELECT 1 FROM events WHERE session_id = s.id AND type = 'handed-off')"
    "    THEN 'assisted' ELSE s.mode END,"
    "  s.created_us,"
    "  (SELECT MAX (seq) FROM events WHERE session_id = s.id),"
    "  (SELECT wall_us FROM events WHERE session_id = s.id AND seq = 1),"
    "  (SELECT wall_us FROM events WHERE session_id = s.id ORDER BY seq DESC LIMIT 1),"
    "  (SELECT payload FROM events WHERE session_id = s.id AND type = 'ended' LIMIT 1)"
    " FROM sessions s ORDER BY s.created_us DESC, s.rowid DESC";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!prepare (self, sql, &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GpJournalSession *item;
      const char *id = (const char *) sqlite3_column_text (stmt, 0);
      const char *ended = (const char *) sqlite3_column_text (stmt, 8);
      g_autofree char *outcome = NULL;

      item = gp_journal_session_new (id,
                                     (const char *) sqlite3_column_text (stmt, 1),
                                     (const char *) sqlite3_column_text (stmt, 2),
                                     (const char *) sqlite3_column_text (stmt, 3),
                                     sqlite3_column_int64 (stmt, 4));
      if (ended != NULL)
        {
          g_autoptr(JsonObject) payload = read_payload (ended, sqlite3_column_bytes (stmt, 8));
          JsonNode *member = payload != NULL ? json_object_get_member (payload, "outcome") : NULL;

          if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
            outcome = json_node_dup_string (member);
        }
      apply_to_item (item,
                     sqlite3_column_int64 (stmt, 5),
                     sqlite3_column_int64 (stmt, 7),
                     sqlite3_column_int64 (stmt, 6),
                     outcome, ended != NULL);
      g_ptr_array_add (self->sessions, item);
      g_hash_table_insert (self->by_id, (gpointer) gp_journal_session_get_id (item), item);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, rc, "list the sessions");
  return TRUE;
}

static gboolean
gp_journal_open (GpJournal  *self,
                 GError    **error)
{
  g_autofree char *mode = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, error, rc, "open the database");

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);

  /* SQLite falls back to read-only when the file refuses writing; say so now. */
  if (sqlite3_db_readonly (self->db, "main") == 1)
    return set_sqlite_error (self, error, SQLITE_READONLY, "open the database for writing");

  /* Reading the header first turns a file that is not a database into CORRUPT. */
  if (gp_journal_query_int (self->db, self->path, "PRAGMA user_version", "read the database header", error) < 0)
    return FALSE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    return set_sqlite_error (self, error, rc, "switch to write-ahead logging");
  if (g_strcmp0 (mode, "wal") != 0)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED,
                   "Journal %s: could not switch to write-ahead logging (journal mode is %s)",
                   self->path, mode != NULL ? mode : "unknown");
      return FALSE;
    }

  if (!gp_journal_exec (self->db, self->path, "PRAGMA synchronous = FULL", "set synchronous=FULL", error) ||
      !gp_journal_exec (self->db, self->path, "PRAGMA foreign_keys = ON", "enable foreign keys", error) ||
      !gp_journal_migrate (self->db, self->path, error))
    return FALSE;

  if (!prepare (self,
                "INSERT INTO sessions (id, flow_id, flow_version, mode, created_us)"
                " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO NOTHING",
                &self->insert_session, error) ||
      /* The WHERE makes "only the next seq" part of the one statement, so a gap can
       * never be written, whoever else writes to the file. */
      !prepare (self,
                "INSERT INTO events (session_id, seq, type, actor, wall_us, mono_us, payload)"
                " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7"
                " WHERE ?2 = (SELECT COALESCE (MAX (seq), 0) + 1 FROM events WHERE session_id = ?1)",
                &self->insert_event, error) ||
      !prepare (self,
                "SELECT type, actor, wall_us, mono_us, payload FROM events"
                " WHERE session_id = ?1 AND seq = ?2",
                &self->select_event, error) ||
      !prepare (self,
                "SELECT (SELECT COUNT (*) FROM sessions WHERE id = ?1),"
                " (SELECT COALESCE (MAX (seq), 0) FROM events WHERE session_id = ?1)",
                &self->select_last_seq, error) ||
      !prepare (self,
                "SELECT seq, type, actor, wall_us, mono_us, payload FROM events"
                " WHERE session_id = ?1 ORDER BY seq",
                &self->select_events, error))
    return FALSE;

  return load_sessions (self, error);
}

static void
gp_journal_finalize (GObject *object)
{
  GpJournal *self = GP_JOURNAL (object);

  g_clear_pointer (&self->insert_session, sqlite3_finalize);
  g_clear_pointer (&self->insert_event, sqlite3_finalize);
  g_clear_pointer (&self->select_event, sqlite3_finalize);
  g_clear_pointer (&self->select_last_seq, sqlite3_finalize);
  g_clear_pointer (&self->select_events, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_clear_object (&self->generator);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_ptr_array_unref);
  g_free (self->path);

  G_OBJECT_CLASS (gp_journal_parent_class)->finalize (object);
}

static void
gp_journal_class_init (GpJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gp_journal_finalize;
}

static void
gp_journal_init (GpJournal *self)
{
  self->sessions = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->generator = json_generator_new ();
}

static GType
gp_journal_get_item_type (GListModel *model)
{
  return GP_TYPE_JOURNAL_SESSION;
}

static guint
gp_journal_get_n_items (GListModel *model)
{
  return GP_JOURNAL (model)->sessions->len;
}

static gpointer
gp_journal_get_item (GListModel *model,
                     guint       position)
{
  GpJournal *self = GP_JOURNAL (model);

  if (position >= self->sessions->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->sessions, position));
}

static void
gp_journal_list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = gp_journal_get_item_type;
  iface->get_n_items = gp_journal_get_n_items;
  iface->get_item = gp_journal_get_item;
}

static gboolean
gp_journal_sink_begin_session (GpEventSink  *sink,
                               const char   *session_id,
                               const char   *flow_id,
                               const char   *flow_version,
                               const char   *mode,
                               GError      **error)
{
  return gp_journal_begin_session (GP_JOURNAL (sink), session_id, flow_id, flow_version, mode, error);
}

static gboolean
gp_journal_sink_append (GpEventSink  *sink,
                        GpEvent      *event,
                        GError      **error)
{
  return gp_journal_append (GP_JOURNAL (sink), event, error);
}

static void
gp_journal_event_sink_iface_init (GpEventSinkInterface *iface)
{
  iface->begin_session = gp_journal_sink_begin_session;
  iface->append = gp_journal_sink_append;
}

GpJournal *
gp_journal_new_for_path (const char  *path,
                         GError     **error)
{
  g_autoptr(GpJournal) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GP_TYPE_JOURNAL, NULL);
  self->path = g_strdup (path);
  if (!gp_journal_open (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

GpJournal *
gp_journal_new_default (GError **error)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "guidepost", NULL);
  g_autofree char *path = g_build_filename (folder, "journal.db", NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GP_JOURNAL_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS || saved_errno == EPERM
                     ? GP_JOURNAL_ERROR_READ_ONLY
                     : saved_errno == ENOSPC ? GP_JOURNAL_ERROR_FULL : GP_JOURNAL_ERROR_IO,
                   "Journal %s: could not create the folder %s: %s",
                   path, folder, g_strerror (saved_errno));
      return NULL;
    }
  return gp_journal_new_for_path (path, error);
}

const char *
gp_journal_get_path (GpJournal *self)
{
  g_return_val_if_fail (GP_IS_JOURNAL (self), NULL);
  return self->path;
}

sqlite3 *
gp_journal_get_db (GpJournal *self)
{
  g_assert (GP_IS_JOURNAL (self));
  return self->db;
}

void
gp_journal_set_busy_timeout (GpJournal *self,
                             guint      milliseconds)
{
  g_return_if_fail (GP_IS_JOURNAL (self));
  sqlite3_busy_timeout (self->db, (int) MIN (milliseconds, (guint) G_MAXINT));
}

gboolean
gp_journal_begin_session (GpJournal   *self,
                          const char  *session_id,
                          const char  *flow_id,
                          const char  *flow_version,
                          const char  *mode,
                          GError     **error)
{
  sqlite3_stmt *stmt;
  GpJournalSession *item;
  gint64 now = g_get_real_time ();
  int rc;

  g_return_val_if_fail (GP_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (session_id != NULL && flow_id != NULL, FALSE);
  g_return_val_if_fail (flow_version != NULL && mode != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = self->insert_session;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, flow_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, flow_version, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, mode, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, rc, "record the start of session %s", session_id);

  /* Beginning again (a resumed session) is harmless: the first record stays. */
  if (g_hash_table_contains (self->by_id, session_id))
    return TRUE;

  item = gp_journal_session_new (session_id, flow_id, flow_version, mode, now);
  g_ptr_array_insert (self->sessions, 0, item);
  g_hash_table_insert (self->by_id, (gpointer) gp_journal_session_get_id (item), item);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, 1);
  return TRUE;
}

static char *
payload_to_text (GpJournal *self,
                 GpEvent   *event)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), gp_event_get_payload (event));

  json_generator_set_root (self->generator, node);
  return json_generator_to_data (self->generator, NULL);
}

/* Returns: TRUE when a stored event at @event's seq equals @event; FALSE with @error set */
static gboolean
check_stored (GpJournal   *self,
              GpEvent     *event,
              const char  *payload,
              GError     **error)
{
  sqlite3_stmt *stmt = self->select_event;
  const char *session_id = gp_event_get_session_id (event);
  guint64 seq = gp_event_get_seq (event);
  gboolean same = FALSE;
  int rc;

  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    same = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0),
                      gp_event_type_to_string (gp_event_get_event_type (event))) == 0 &&
           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                      gp_actor_to_string (gp_event_get_actor (event))) == 0 &&
           sqlite3_column_int64 (stmt, 2) == gp_event_get_wall_time (event) &&
           sqlite3_column_int64 (stmt, 3) == gp_event_get_monotonic_time (event) &&
           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), payload) == 0;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_sqlite_error (self, error, rc, "read event %" G_GUINT64_FORMAT " of session %s",
                             seq, session_id);
  if (!same)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CONFLICT,
                   "Journal %s: event %" G_GUINT64_FORMAT " of session %s is already stored "
                   "and differs from the one offered",
                   self->path, seq, session_id);
      return FALSE;
    }
  g_debug ("Journal %s: event %" G_GUINT64_FORMAT " of session %s was already stored",
           self->path, seq, session_id);
  return TRUE;
}

/* Returns: FALSE (with @error) when the session is unknown or the store fails */
static gboolean
last_seq (GpJournal   *self,
          const char  *session_id,
          guint64     *seq,
          GError     **error)
{
  sqlite3_stmt *stmt = self->select_last_seq;
  gboolean known = FALSE;
  int rc;

  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      known = sqlite3_column_int64 (stmt, 0) > 0;
      *seq = (guint64) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc != SQLITE_ROW)
    return set_sqlite_error (self, error, rc, "read the last event of session %s", session_id);
  if (!known)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                   "Journal %s: session %s was never begun", self->path, session_id);
      return FALSE;
    }
  return TRUE;
}

static void
update_item (GpJournal *self,
             GpEvent   *event)
{
  GpJournalSession *item = g_hash_table_lookup (self->by_id, gp_event_get_session_id (event));
  const char *outcome = NULL;

  if (item == NULL)
    return;   /* begun by another connection; listed when the journal is opened again */

  if (gp_event_get_event_type (event) == GP_EVENT_HANDED_OFF)
    gp_journal_session_set_mode (item, gp_session_mode_to_string (GP_SESSION_MODE_ASSISTED));

  if (gp_event_get_event_type (event) == GP_EVENT_ENDED)
    {
      JsonNode *member = json_object_get_member (gp_event_get_payload (event), "outcome");

      if (member != NULL && json_node_get_value_type (member) == G_TYPE_STRING)
        outcome = json_node_get_string (member);
    }
  apply_to_item (item, gp_event_get_seq (event), gp_event_get_wall_time (event),
                 gp_event_get_wall_time (event), outcome,
                 gp_event_get_event_type (event) == GP_EVENT_ENDED);
}

gboolean
gp_journal_append (GpJournal   *self,
                   GpEvent     *event,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *payload = NULL;
  const char *session_id;
  guint64 seq, stored;
  int rc, changes;

  g_return_val_if_fail (GP_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (GP_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  session_id = gp_event_get_session_id (event);
  seq = gp_event_get_seq (event);
  if (seq == 0 || seq > G_MAXINT64)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_OUT_OF_ORDER,
                   "Journal %s: event %" G_GUINT64_FORMAT " of session %s: seq starts at 1",
                   self->path, seq, session_id);
      return FALSE;
    }

  payload = payload_to_text (self, event);
  stmt = self->insert_event;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, (sqlite3_int64) seq);
  sqlite3_bind_text (stmt, 3, gp_event_type_to_string (gp_event_get_event_type (event)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, gp_actor_to_string (gp_event_get_actor (event)), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, gp_event_get_wall_time (event));
  sqlite3_bind_int64 (stmt, 6, gp_event_get_monotonic_time (event));
  sqlite3_bind_text (stmt, 7, payload, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  changes = sqlite3_changes (self->db);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                   "Journal %s: event %" G_GUINT64_FORMAT " of session %s: the session was never begun",
                   self->path, seq, session_id);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, rc, "append event %" G_GUINT64_FORMAT " of session %s",
                             seq, session_id);
  if (changes == 1)
    {
      update_item (self, event);
      return TRUE;
    }

  /* Not the next seq: either a retry of a stored event, or a gap. */
  if (!last_seq (self, session_id, &stored, error))
    return FALSE;
  if (seq <= stored)
    return check_stored (self, event, payload, error);

  g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_OUT_OF_ORDER,
               "Journal %s: event %" G_GUINT64_FORMAT " of session %s is out of order: "
               "the journal holds events 1 to %" G_GUINT64_FORMAT ", so %" G_GUINT64_FORMAT " must come first",
               self->path, seq, session_id, stored, stored + 1);
  return FALSE;
}

guint64
gp_journal_get_last_seq (GpJournal   *self,
                         const char  *session_id,
                         GError     **error)
{
  guint64 seq = 0;

  g_return_val_if_fail (GP_IS_JOURNAL (self), G_MAXUINT64);
  g_return_val_if_fail (session_id != NULL, G_MAXUINT64);

  if (!last_seq (self, session_id, &seq, error))
    return G_MAXUINT64;
  return seq;
}

GPtrArray *
gp_journal_load_events (GpJournal   *self,
                        const char  *session_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  guint64 expected = 1;
  int rc;

  g_return_val_if_fail (GP_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  events = g_ptr_array_new_with_free_func (g_object_unref);
  stmt = self->select_events;
  sqlite3_bind_text (stmt, 1, session_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 seq = (guint64) sqlite3_column_int64 (stmt, 0);
      const char *type_text = (const char *) sqlite3_column_text (stmt, 1);
      const char *actor_text = (const char *) sqlite3_column_text (stmt, 2);
      const char *payload = (const char *) sqlite3_column_text (stmt, 5);
      g_autoptr(JsonObject) object = NULL;
      GpEventType type;
      GpActor actor;

      if (payload != NULL)
        {
          object = read_payload (payload, sqlite3_column_bytes (stmt, 5));
        }

      if (seq != expected ||
          !gp_event_type_from_string (type_text, &type) ||
          !gp_actor_from_string (actor_text, &actor) ||
          object == NULL)
        {
          g_set_error (&local_error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_CORRUPT,
                       "Journal %s: event %" G_GUINT64_FORMAT " of session %s is damaged "
                       "(expected seq %" G_GUINT64_FORMAT ", type \"%s\", actor \"%s\"%s)",
                       self->path, seq, session_id, expected,
                       type_text != NULL ? type_text : "", actor_text != NULL ? actor_text : "",
                       object == NULL ? ", payload not a JSON object" : "");
          break;
        }

      g_ptr_array_add (events, gp_event_new (session_id, seq, type, actor,
                                             sqlite3_column_int64 (stmt, 3),
                                             sqlite3_column_int64 (stmt, 4),
                                             object));
      expected++;
    }
  if (local_error == NULL && rc != SQLITE_DONE)
    set_sqlite_error (self, &local_error, rc, "read the events of session %s", session_id);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&events);
}

GPtrArray *
gp_journal_list_unfinished (GpJournal *self)
{
  GPtrArray *unfinished;

  g_return_val_if_fail (GP_IS_JOURNAL (self), NULL);

  unfinished = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < self->sessions->len; i++)
    {
      GpJournalSession *item = g_ptr_array_index (self->sessions, i);

      if (!gp_journal_session_get_ended (item))
        g_ptr_array_add (unfinished, g_object_ref (item));
    }
  return unfinished;
}

GpJournalSession *
gp_journal_find_session (GpJournal  *self,
                         const char *session_id)
{
  g_return_val_if_fail (GP_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (session_id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, session_id);
}
