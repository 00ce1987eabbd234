/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include <guidepost/gp-event.h>
#include <guidepost/gp-journal-session.h>
#include <guidepost/gp-session.h>

#include "gp-session-export-private.h"

/* One summary, read from the events alone, feeds both formats.  Events may come from an
 * older Guidepost or a repair tool: every payload member is type-checked, and whatever
 * does not fit is left out of the counts rather than trusted. */

typedef struct {
  const char *flow_id;
  const char *flow_version;
  const char *mode;
  const char *familiarity;
  gint64      started_us;
  gint64      last_us;
  gint64      ended_us;
  const char *outcome;          /* NULL: unfinished */
  guint       n_events;
  guint       hints_used;
  guint       failures_customer;
  guint       failures_system;
  guint       offers_presented;
  guint       offers_accepted;
  guint       notes;
  guint       complaints;
  const char *escalated_to;
  const char *escalation_priority;
  gint64      satisfaction;     /* 0: none */
  gboolean    handed_off;
} Summary;

static const char * const csv_columns[] = {
  "session_id", "flow_id", "flow_version", "mode", "familiarity", "started", "duration_s",
  "outcome", "hints_used", "failures_customer", "failures_system", "offers_presented",
  "offers_accepted", "escalated_to", "escalation_priority", "satisfaction",
};

static const char *
member_string (JsonObject *payload,
               const char *name)
{
  JsonNode *node = json_object_get_member (payload, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *payload,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (payload, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static void
summarize (GPtrArray *events,
           gint64     fallback_started,
           Summary   *summary)
{
  memset (summary, 0, sizeof *summary);
  summary->started_us = fallback_started;
  summary->last_us = fallback_started;
  summary->n_events = events->len;

  for (guint i = 0; i < events->len; i++)
    {
      GpEvent *event = g_ptr_array_index (events, i);
      JsonObject *payload = gp_event_get_payload (event);
      const char *text;
      gint64 number;

      if (i == 0)
        summary->started_us = gp_event_get_wall_time (event);
      summary->last_us = gp_event_get_wall_time (event);

      switch (gp_event_get_event_type (event))
        {
        case GP_EVENT_STARTED:
          summary->flow_id = member_string (payload, "flow");
          summary->flow_version = member_string (payload, "version");
          summary->mode = member_string (payload, "mode");
          break;
        case GP_EVENT_INTAKE_RECORDED:
          summary->familiarity = member_string (payload, "familiarity");
          break;
        case GP_EVENT_HINT_REVEALED:
          summary->hints_used++;
          break;
        case GP_EVENT_FAILURE_REPORTED:
          text = member_string (payload, "cause");
          if (g_strcmp0 (text, "customer") == 0)
            summary->failures_customer++;
          else if (g_strcmp0 (text, "system") == 0)
            summary->failures_system++;
          break;
        case GP_EVENT_OFFER_PRESENTED:
          summary->offers_presented++;
          break;
        case GP_EVENT_OFFER_ANSWERED:
          if (g_strcmp0 (member_string (payload, "answer"), "accepted") == 0)
            summary->offers_accepted++;
          break;
        case GP_EVENT_NOTE_ADDED:
          summary->notes++;
          break;
        case GP_EVENT_COMPLAINT_LOGGED:
          summary->complaints++;
          break;
        case GP_EVENT_ESCALATED:
          summary->escalated_to = member_string (payload, "to");
          summary->escalation_priority = member_string (payload, "priority");
          break;
        case GP_EVENT_SATISFACTION_RECORDED:
          if (member_int (payload, "score", &number) && number >= 1 && number <= 5)
            summary->satisfaction = number;
          break;
        case GP_EVENT_ENDED:
          summary->outcome = member_string (payload, "outcome");
          summary->ended_us = gp_event_get_wall_time (event);
          if (summary->outcome == NULL)
            summary->outcome = "abandoned";
          break;
        case GP_EVENT_HANDED_OFF:
          summary->handed_off = TRUE;
          if ((text = member_string (payload, "mode")) != NULL)
            summary->mode = text;
          break;
        case GP_EVENT_TRY_AGAIN_OFFERED:
        case GP_EVENT_TRY_AGAIN_ACCEPTED:
        case GP_EVENT_TRY_AGAIN_DECLINED:
        case GP_EVENT_STEP_ENTERED:
        case GP_EVENT_STEP_COMPLETED:
        case GP_EVENT_WHY_SHOWN:
        case GP_EVENT_CHOICE_MADE:
        case GP_EVENT_IDENTITY_CHECK_PASSED:
        case GP_EVENT_IDENTITY_CHECK_FAILED:
        case GP_EVENT_RECOVERY_TAKEN:
        case GP_EVENT_RETRY_LIMIT_REACHED:
        case GP_EVENT_DRIVER_CHANGED:
        case GP_EVENT_HANDOFF_REQUESTED:
        default:
          break;
        }
    }
}

/* Returns: (transfer full) (nullable): "2026-01-31T12:00:00Z", NULL outside GDateTime's range */
static char *
format_time (gint64 wall_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_us / G_USEC_PER_SEC - (wall_us % G_USEC_PER_SEC < 0));

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

/* Whole seconds, rounded; never negative (wall clocks can step back). */
static gint64
duration_seconds (const Summary *summary)
{
  gint64 us = summary->last_us - summary->started_us;

  if (us <= 0)
    return 0;
  return (us + G_USEC_PER_SEC / 2) / G_USEC_PER_SEC;
}

static void
set_nullable_string (JsonObject *object,
                     const char *name,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, name, value);
  else
    json_object_set_null_member (object, name);
}

static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
summary_to_json (const Summary *summary)
{
  JsonObject *object = json_object_new ();
  g_autofree char *started = format_time (summary->started_us);
  g_autofree char *ended = summary->outcome != NULL ? format_time (summary->ended_us) : NULL;

  set_nullable_string (object, "familiarity", summary->familiarity);
  set_nullable_string (object, "started", started);
  set_nullable_string (object, "ended", ended);
  json_object_set_int_member (object, "duration_s", duration_seconds (summary));
  json_object_set_string_member (object, "outcome", summary->outcome != NULL ? summary->outcome : "unfinished");
  json_object_set_int_member (object, "events", summary->n_events);
  json_object_set_int_member (object, "hints_used", summary->hints_used);
  json_object_set_int_member (object, "failures_customer", summary->failures_customer);
  json_object_set_int_member (object, "failures_system", summary->failures_system);
  json_object_set_int_member (object, "offers_presented", summary->offers_presented);
  json_object_set_int_member (object, "offers_accepted", summary->offers_accepted);
  json_object_set_int_member (object, "notes", summary->notes);
  json_object_set_int_member (object, "complaints", summary->complaints);
  set_nullable_string (object, "escalated_to", summary->escalated_to);
  set_nullable_string (object, "escalation_priority", summary->escalation_priority);
  if (summary->satisfaction > 0)
    json_object_set_int_member (object, "satisfaction", summary->satisfaction);
  else
    json_object_set_null_member (object, "satisfaction");
  json_object_set_boolean_member (object, "handed_off", summary->handed_off);
  return take_object (object);
}

JsonNode *
gp_session_export_summary (GPtrArray *events,
                           gint64     fallback_started)
{
  Summary summary;

  summarize (events, fallback_started, &summary);
  return summary_to_json (&summary);
}

/* What one session of the journal is, for both formats. */
typedef struct {
  GpJournalSession *item;
  GPtrArray        *events;
  Summary           summary;
} Record;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->events, g_ptr_array_unref);
  g_clear_object (&record->item);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static gboolean
load_record (GpJournal        *journal,
             GpJournalSession *item,
             Record           *record,
             GError          **error)
{
  record->item = g_object_ref (item);
  record->events = gp_journal_load_events (journal, gp_journal_session_get_id (item), error);
  if (record->events == NULL)
    return FALSE;
  summarize (record->events, gp_journal_session_get_started (item), &record->summary);
  /* A session begun without events still says which flow it was for. */
  if (record->summary.flow_id == NULL)
    record->summary.flow_id = gp_journal_session_get_flow_id (item);
  if (record->summary.flow_version == NULL)
    record->summary.flow_version = gp_journal_session_get_flow_version (item);
  if (record->summary.mode == NULL)
    record->summary.mode = gp_journal_session_get_mode (item);
  return TRUE;
}

static JsonNode *
record_to_json (Record *record)
{
  JsonObject *object = json_object_new ();
  JsonObject *flow = json_object_new ();
  JsonArray *events = json_array_sized_new (record->events->len);

  json_object_set_string_member (object, "id", gp_journal_session_get_id (record->item));
  json_object_set_string_member (flow, "id", record->summary.flow_id);
  json_object_set_string_member (flow, "version", record->summary.flow_version);
  json_object_set_object_member (object, "flow", flow);
  json_object_set_string_member (object, "mode", record->summary.mode);
  json_object_set_member (object, "summary", summary_to_json (&record->summary));
  for (guint i = 0; i < record->events->len; i++)
    json_array_add_element (events, gp_event_to_json (g_ptr_array_index (record->events, i)));
  json_object_set_array_member (object, "events", events);
  return take_object (object);
}

static void
csv_append_field (GString    *line,
                  const char *value)
{
  if (line->len > 0 && line->str[line->len - 1] != '\n')
    g_string_append_c (line, ',');
  if (value == NULL)
    return;
  if (strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (line, value);
      return;
    }
  g_string_append_c (line, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *p);
    }
  g_string_append_c (line, '"');
}

static void
csv_append_uint (GString *line,
                 guint64  value)
{
  char buffer[32];

  g_snprintf (buffer, sizeof buffer, "%" G_GUINT64_FORMAT, value);
  csv_append_field (line, buffer);
}

static void
record_to_csv (Record  *record,
               GString *line)
{
  const Summary *s = &record->summary;
  g_autofree char *started = format_time (s->started_us);

  csv_append_field (line, gp_journal_session_get_id (record->item));
  csv_append_field (line, s->flow_id);
  csv_append_field (line, s->flow_version);
  csv_append_field (line, s->mode);
  csv_append_field (line, s->familiarity);
  csv_append_field (line, started);
  csv_append_uint (line, (guint64) duration_seconds (s));
  csv_append_field (line, s->outcome != NULL ? s->outcome : "unfinished");
  csv_append_uint (line, s->hints_used);
  csv_append_uint (line, s->failures_customer);
  csv_append_uint (line, s->failures_system);
  csv_append_uint (line, s->offers_presented);
  csv_append_uint (line, s->offers_accepted);
  csv_append_field (line, s->escalated_to);
  csv_append_field (line, s->escalation_priority);
  if (s->satisfaction > 0)
    csv_append_uint (line, (guint64) s->satisfaction);
  else
    csv_append_field (line, NULL);
  g_string_append (line, "\r\n");
}

static gboolean
write_text (GOutputStream  *out,
            const char     *text,
            gsize           length,
            GCancellable   *cancellable,
            GError        **error)
{
  return g_output_stream_write_all (out, text, length, NULL, cancellable, error);
}

static char *
node_to_text (JsonNode *node,
              gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

static gboolean
write_json_head (GOutputStream  *out,
                 GCancellable   *cancellable,
                 GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *exported = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *head = g_strdup_printf ("{\"format\":\"%s\",\"exported\":\"%s\",\"sessions\":[",
                                           GP_SESSION_EXPORT_FORMAT, exported);

  return write_text (out, head, strlen (head), cancellable, error);
}

static gboolean
write_record (GOutputStream   *out,
              GpExportFormat   format,
              Record          *record,
              gboolean         first,
              GCancellable    *cancellable,
              GError         **error)
{
  if (format == GP_EXPORT_FORMAT_JSON)
    {
      g_autoptr(JsonNode) node = record_to_json (record);
      gsize length;
      g_autofree char *text = node_to_text (node, &length);

      /* One session per line keeps large exports readable and diffable. */
      return write_text (out, first ? "\n" : ",\n", first ? 1 : 2, cancellable, error) &&
             write_text (out, text, length, cancellable, error);
    }
  else
    {
      g_autoptr(GString) line = g_string_new (NULL);

      record_to_csv (record, line);
      return write_text (out, line->str, line->len, cancellable, error);
    }
}

int
gp_session_export_compare_sessions (gconstpointer a,
                                    gconstpointer b)
{
  GpJournalSession *x = *(GpJournalSession **) a;
  GpJournalSession *y = *(GpJournalSession **) b;
  gint64 sx = gp_journal_session_get_started (x);
  gint64 sy = gp_journal_session_get_started (y);

  if (sx != sy)
    return sx < sy ? -1 : 1;
  return strcmp (gp_journal_session_get_id (x), gp_journal_session_get_id (y));
}

GpJournalSession *
gp_session_export_find_session (GpJournal   *journal,
                                const char  *session_id,
                                GError     **error)
{
  GpJournalSession *item = gp_journal_find_session (journal, session_id);

  if (item == NULL)
    g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                 "Journal %s: there is no session %s", gp_journal_get_path (journal), session_id);
  return item;
}

gboolean
gp_session_export (GpJournal       *journal,
                   GpExportFormat   format,
                   GDateTime       *since,
                   GOutputStream   *out,
                   GCancellable    *cancellable,
                   GError         **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;
  gint64 since_us = 0;
  gboolean first = TRUE;

  g_return_val_if_fail (GP_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (format == GP_EXPORT_FORMAT_JSON || format == GP_EXPORT_FORMAT_CSV, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (since != NULL)
    since_us = g_date_time_to_unix (since) * G_USEC_PER_SEC + g_date_time_get_microsecond (since);

  model = G_LIST_MODEL (journal);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      GpJournalSession *item = g_list_model_get_item (model, i);

      if (since != NULL && gp_journal_session_get_started (item) < since_us)
        g_object_unref (item);
      else
        g_ptr_array_add (items, item);
    }
  g_ptr_array_sort (items, gp_session_export_compare_sessions);

  if (format == GP_EXPORT_FORMAT_JSON)
    {
      if (!write_json_head (out, cancellable, error))
        return FALSE;
    }
  else
    {
      g_autoptr(GString) header = g_string_new (NULL);

      for (guint c = 0; c < G_N_ELEMENTS (csv_columns); c++)
        csv_append_field (header, csv_columns[c]);
      g_string_append (header, "\r\n");
      if (!write_text (out, header->str, header->len, cancellable, error))
        return FALSE;
    }

  for (guint i = 0; i < items->len; i++)
    {
      g_auto(Record) record = { 0 };

      if (!load_record (journal, g_ptr_array_index (items, i), &record, error) ||
          !write_record (out, format, &record, first, cancellable, error))
        return FALSE;
      first = FALSE;
    }

  if (format == GP_EXPORT_FORMAT_JSON)
    return write_text (out, "\n]}\n", 4, cancellable, error);
  return TRUE;
}

gboolean
gp_session_export_one (GpJournal      *journal,
                       const char     *session_id,
                       GOutputStream  *out,
                       GCancellable   *cancellable,
                       GError        **error)
{
  GpJournalSession *item;
  g_auto(Record) record = { 0 };

  g_return_val_if_fail (GP_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((item = gp_session_export_find_session (journal, session_id, error)) == NULL)
    return FALSE;
  return load_record (journal, item, &record, error) &&
         write_json_head (out, cancellable, error) &&
         write_record (out, GP_EXPORT_FORMAT_JSON, &record, TRUE, cancellable, error) &&
         write_text (out, "\n]}\n", 4, cancellable, error);
}
