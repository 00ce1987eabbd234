/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <guidepost/gp-evidence.h>
#include <guidepost/gp-event.h>
#include <guidepost/gp-journal-session.h>

#include "gp-session-export-private.h"

/* The evidence record for unit D4, read from the events alone.  Descriptions are built
 * from identifiers and enumerations of the payloads (steps, failures, offers, causes,
 * priorities); the only free texts copied are the intake goal (1.2) and the agreed
 * problem (1.5).  Notes, complaint texts, comments, escalation reasons and teams,
 * identity-check labels never appear. */

typedef enum {
  C_1_1, C_1_2, C_1_3, C_1_4, C_1_5,
  C_2_1, C_2_2, C_2_3, C_2_4, C_2_5, C_2_6,
  C_3_1, C_3_2, C_3_3, C_3_4, C_3_5, C_3_6, C_3_7,
  E_4A, E_4B, E_5A, E_5B,
  N_CRITERIA
} CriterionIndex;

#define NOTE_WITNESS "No automatic evidence; needs a witness statement"

/* The standard's own words (OCR unit D4), shortened only where the standard repeats itself. */
static const struct {
  const char *id;
  const char *title;
  const char *note;   /* NULL: the events show it */
} criteria[N_CRITERIA] = {
  { "1.1", "Ensure that they are up-to-date with the on-line services that their customers use", NOTE_WITNESS },
  { "1.2", "Identify what the customer is trying to achieve and what they are having difficulties with", NULL },
  { "1.3", "Question their customer to discover the customer's degree of familiarity with the system", NULL },
  { "1.4", "Offer their customer the option of trying the on-line approach once more", NULL },
  { "1.5", "Agree with their customer the exact nature of the problem and steps that may be taken to overcome it", NULL },
  { "2.1", "Explore the on-line customer system in order to develop their own knowledge and skills in its use", NOTE_WITNESS },
  { "2.2", "Step through the screen sequence with their customer whilst allowing them to operate the system for themselves", NULL },
  { "2.3", "Address their customer in an understanding and supportive manner",
    "Logged complaints show the customer's concern taken up; the manner itself needs a witness statement" },
  { "2.4", "Explain to their customer why certain steps are required in the process", NULL },
  { "2.5", "Offer the options to their customer of stepping them through the process or completing the transaction themselves", NULL },
  { "2.6", "Promote access to additional services or products when supporting customers on-line", NULL },
  { "3.1", "Explain how their organisation's system for on-line service delivery works", NOTE_WITNESS },
  { "3.2", "Describe the importance of close active listening to discover what their customer is trying to achieve", NOTE_WITNESS },
  { "3.3", "Identify ways to communicate clearly with customers who have different levels of skills and understanding of the online system", NOTE_WITNESS },
  { "3.4", "Explain why it is generally preferable for their customer to complete a transaction for themselves", NOTE_WITNESS },
  { "3.5", "Explain the importance of building customer confidence in using the online system by supporting and encouraging", NOTE_WITNESS },
  { "3.6", "Compare the benefits and drawbacks of talking a customer through use of the system or completing the transaction themselves", NOTE_WITNESS },
  { "3.7", "Identify additional services or products that may be promoted to on-line customers", NOTE_WITNESS },
  { "4a", "Evidence of supporting customers who are new to the use of on-line services for this particular purpose", NULL },
  { "4b", "Evidence of supporting customers who are familiar with the use of on-line services for this particular purpose", NULL },
  { "5a", "Examples of helping customers with difficulties caused by the customer's use of the on-line services", NULL },
  { "5b", "Examples of helping customers with difficulties caused by a system or equipment failure", NULL },
};

typedef struct {
  char    *session;
  char    *flow;
  guint64  seq;
  char    *time;
  char    *event;
  char    *actor;
  char    *description;
} Item;

static void
item_free (Item *item)
{
  g_free (item->session);
  g_free (item->flow);
  g_free (item->time);
  g_free (item->event);
  g_free (item->actor);
  g_free (item->description);
  g_free (item);
}

typedef struct {
  GPtrArray *session_ids;             /* (element-type utf8) in report order */
  GPtrArray *items[N_CRITERIA];       /* (element-type Item) */
} Report;

static void
report_clear (Report *report)
{
  g_clear_pointer (&report->session_ids, g_ptr_array_unref);
  for (guint c = 0; c < N_CRITERIA; c++)
    g_clear_pointer (&report->items[c], g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Report, report_clear)

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

static const char *
or_unknown (const char *text)
{
  return text != NULL && *text != '\0' ? text : "(unknown)";
}

/* Returns: (transfer full): "2026-01-31T12:00:00Z"; "" outside GDateTime's range */
static char *
format_time (gint64 wall_us)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (wall_us / G_USEC_PER_SEC - (wall_us % G_USEC_PER_SEC < 0));

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static void add_item (Report *report, CriterionIndex c, const char *session, const char *flow,
                      GpEvent *event, const char *format, ...) G_GNUC_PRINTF (6, 7);

static void
add_item (Report         *report,
          CriterionIndex  c,
          const char     *session,
          const char     *flow,
          GpEvent        *event,
          const char     *format,
          ...)
{
  Item *item = g_new0 (Item, 1);
  va_list args;

  item->session = g_strdup (session);
  item->flow = g_strdup (or_unknown (flow));
  item->seq = gp_event_get_seq (event);
  item->time = format_time (gp_event_get_wall_time (event));
  item->event = g_strdup (gp_event_type_to_string (gp_event_get_event_type (event)));
  item->actor = g_strdup (gp_actor_to_string (gp_event_get_actor (event)));
  va_start (args, format);
  item->description = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (report->items[c], item);
}

static char *
failure_key (const char *step,
             const char *failure)
{
  return g_strconcat (or_unknown (step), "\n", or_unknown (failure), NULL);
}

/* 5a for a customer-caused difficulty, 5b for a system one; -1 otherwise. */
static int
cause_criterion (const char *cause)
{
  if (g_strcmp0 (cause, "customer") == 0)
    return E_5A;
  if (g_strcmp0 (cause, "system") == 0)
    return E_5B;
  return -1;
}

static void
collect_session (Report     *report,
                 const char *session,
                 const char *fallback_flow,
                 const char *fallback_mode,
                 GPtrArray  *events)
{
  g_autoptr(GHashTable) causes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *flow = fallback_flow;
  gboolean self_service = g_strcmp0 (fallback_mode, "self-service") == 0;

  for (guint i = 0; i < events->len; i++)
    {
      GpEvent *event = g_ptr_array_index (events, i);
      JsonObject *payload = gp_event_get_payload (event);
      GpActor actor = gp_event_get_actor (event);
      const char *step = member_string (payload, "step");
      const char *text, *failure, *cause;
      int c;

      switch (gp_event_get_event_type (event))
        {
        case GP_EVENT_STARTED:
          if ((text = member_string (payload, "flow")) != NULL)
            flow = text;
          if ((text = member_string (payload, "mode")) != NULL)
            self_service = strcmp (text, "self-service") == 0;
          break;

        case GP_EVENT_INTAKE_RECORDED:
          if ((text = member_string (payload, "goal")) != NULL && *text != '\0')
            add_item (report, C_1_2, session, flow, event, "Recorded what the customer is trying to achieve: “%s”", text);
          text = member_string (payload, "familiarity");
          if (g_strcmp0 (text, "new") == 0)
            {
              add_item (report, C_1_3, session, flow, event, "Asked about familiarity: the customer is new to this online service");
              add_item (report, E_4A, session, flow, event, "Supported a customer new to this online service (%s)", or_unknown (flow));
            }
          else if (g_strcmp0 (text, "familiar") == 0)
            {
              add_item (report, C_1_3, session, flow, event, "Asked about familiarity: the customer is familiar with this online service");
              add_item (report, E_4B, session, flow, event, "Supported a customer familiar with this online service (%s)", or_unknown (flow));
            }
          if ((text = member_string (payload, "agreed_problem")) != NULL && *text != '\0')
            add_item (report, C_1_5, session, flow, event, "Agreed the problem with the customer: “%s”", text);
          break;

        case GP_EVENT_TRY_AGAIN_OFFERED:
          add_item (report, C_1_4, session, flow, event, "Offered the customer another try online on their own");
          break;
        case GP_EVENT_TRY_AGAIN_ACCEPTED:
          add_item (report, C_1_4, session, flow, event, "The customer accepted another try online");
          break;
        case GP_EVENT_TRY_AGAIN_DECLINED:
          add_item (report, C_1_4, session, flow, event, "The customer declined another try online");
          break;

        case GP_EVENT_STEP_ENTERED:
          if (actor == GP_ACTOR_CUSTOMER && !self_service)
            add_item (report, C_2_2, session, flow, event, "The customer moved on to step %s themselves", or_unknown (step));
          break;
        case GP_EVENT_STEP_COMPLETED:
          if (actor == GP_ACTOR_CUSTOMER && !self_service)
            add_item (report, C_2_2, session, flow, event, "The customer completed step %s themselves", or_unknown (step));
          break;

        case GP_EVENT_WHY_SHOWN:
          add_item (report, C_2_4, session, flow, event, "Explained why step %s is needed", or_unknown (step));
          break;

        case GP_EVENT_DRIVER_CHANGED:
          text = member_string (payload, "driver");
          if (g_strcmp0 (text, "customer") == 0)
            add_item (report, C_2_5, session, flow, event, "Let the customer complete the transaction themselves (the customer drives)");
          else
            add_item (report, C_2_5, session, flow, event, "Stepped the customer through the process (the %s drives)", or_unknown (text));
          break;
        case GP_EVENT_HANDED_OFF:
          self_service = FALSE;
          add_item (report, C_2_5, session, flow, event, "Took up a self-service session the customer handed over for help");
          break;

        case GP_EVENT_OFFER_PRESENTED:
          add_item (report, C_2_6, session, flow, event, "Presented the offer %s at step %s",
                    or_unknown (member_string (payload, "offer")), or_unknown (step));
          break;
        case GP_EVENT_OFFER_ANSWERED:
          add_item (report, C_2_6, session, flow, event, "The customer answered the offer %s: %s",
                    or_unknown (member_string (payload, "offer")), or_unknown (member_string (payload, "answer")));
          break;

        case GP_EVENT_COMPLAINT_LOGGED:
          add_item (report, C_2_3, session, flow, event, "Logged the customer's complaint (priority %s) at step %s",
                    or_unknown (member_string (payload, "priority")), or_unknown (step));
          break;
        case GP_EVENT_ESCALATED:
          add_item (report, C_1_5, session, flow, event, "Agreed to escalate (priority %s) at step %s",
                    or_unknown (member_string (payload, "priority")), or_unknown (step));
          break;

        case GP_EVENT_FAILURE_REPORTED:
        case GP_EVENT_FAILURE_INJECTED:
          failure = member_string (payload, "failure");
          cause = member_string (payload, "cause");
          if ((c = cause_criterion (cause)) < 0)
            break;
          g_hash_table_insert (causes, failure_key (step, failure), (gpointer) cause);
          if (gp_event_get_event_type (event) == GP_EVENT_FAILURE_REPORTED)
            add_item (report, c, session, flow, event, "Difficulty %s at step %s, caused by the %s, identified",
                      or_unknown (failure), or_unknown (step), cause);
          else
            add_item (report, c, session, flow, event, "The trainer made difficulty %s happen at step %s, caused by the %s",
                      or_unknown (failure), or_unknown (step), cause);
          break;
        case GP_EVENT_RECOVERY_TAKEN:
        case GP_EVENT_RETRY_LIMIT_REACHED:
          {
            g_autofree char *key = NULL;

            failure = member_string (payload, "failure");
            key = failure_key (step, failure);
            if ((c = cause_criterion (g_hash_table_lookup (causes, key))) < 0)
              break;
            if (gp_event_get_event_type (event) == GP_EVENT_RECOVERY_TAKEN)
              add_item (report, c, session, flow, event, "Helped the customer recover from %s at step %s (to step %s)",
                        or_unknown (failure), or_unknown (step), or_unknown (member_string (payload, "recovery")));
            else
              add_item (report, c, session, flow, event, "The retry limit for %s was reached at step %s",
                        or_unknown (failure), or_unknown (step));
          }
          break;

        case GP_EVENT_HINT_REVEALED:
        case GP_EVENT_CHOICE_MADE:
        case GP_EVENT_IDENTITY_CHECK_PASSED:
        case GP_EVENT_IDENTITY_CHECK_FAILED:
        case GP_EVENT_NOTE_ADDED:
        case GP_EVENT_SATISFACTION_RECORDED:
        case GP_EVENT_ENDED:
        case GP_EVENT_HANDOFF_REQUESTED:
        case GP_EVENT_FAILURE_CLEARED:
        default:
          break;
        }
    }
}

static gboolean
collect (GpJournal          *journal,
         const char * const *session_ids,
         Report             *report,
         GError            **error)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func (g_object_unref);

  report->session_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < N_CRITERIA; c++)
    report->items[c] = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);

  if (session_ids != NULL)
    {
      for (guint i = 0; session_ids[i] != NULL; i++)
        {
          GpJournalSession *item = gp_session_export_find_session (journal, session_ids[i], error);
          gboolean seen = FALSE;

          if (item == NULL)
            return FALSE;
          for (guint k = 0; k < chosen->len && !seen; k++)
            seen = g_ptr_array_index (chosen, k) == (gpointer) item;
          if (!seen)
            g_ptr_array_add (chosen, g_object_ref (item));
        }
    }
  else
    {
      GListModel *model = G_LIST_MODEL (journal);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          GpJournalSession *item = g_list_model_get_item (model, i);

          if (gp_journal_session_get_ended (item))
            g_ptr_array_add (chosen, item);
          else
            g_object_unref (item);
        }
      g_ptr_array_sort (chosen, gp_session_export_compare_sessions);
    }

  for (guint i = 0; i < chosen->len; i++)
    {
      GpJournalSession *item = g_ptr_array_index (chosen, i);
      const char *id = gp_journal_session_get_id (item);
      g_autoptr(GPtrArray) events = gp_journal_load_events (journal, id, error);

      if (events == NULL)
        return FALSE;
      g_ptr_array_add (report->session_ids, g_strdup (id));
      collect_session (report, id, gp_journal_session_get_flow_id (item),
                       gp_journal_session_get_mode (item), events);
    }
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
report_to_json (Report     *report,
                const char *witness_statement,
                gsize      *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *object = json_object_new ();
  JsonArray *sessions = json_array_new ();
  JsonArray *list = json_array_new ();
  g_autofree char *generated = now_text ();

  json_object_set_string_member (object, "format", GP_EVIDENCE_REPORT_FORMAT);
  json_object_set_string_member (object, "generated", generated);
  json_object_set_string_member (object, "unit", "D4");
  if (witness_statement != NULL)
    json_object_set_string_member (object, "witness_statement", witness_statement);
  else
    json_object_set_null_member (object, "witness_statement");
  for (guint i = 0; i < report->session_ids->len; i++)
    json_array_add_string_element (sessions, g_ptr_array_index (report->session_ids, i));
  json_object_set_array_member (object, "sessions", sessions);

  for (guint c = 0; c < N_CRITERIA; c++)
    {
      JsonObject *criterion = json_object_new ();
      JsonArray *evidence = json_array_new ();

      json_object_set_string_member (criterion, "id", criteria[c].id);
      json_object_set_string_member (criterion, "title", criteria[c].title);
      if (criteria[c].note != NULL)
        json_object_set_string_member (criterion, "note", criteria[c].note);
      else
        json_object_set_null_member (criterion, "note");
      for (guint i = 0; i < report->items[c]->len; i++)
        {
          Item *item = g_ptr_array_index (report->items[c], i);
          JsonObject *entry = json_object_new ();

          json_object_set_string_member (entry, "session", item->session);
          json_object_set_string_member (entry, "flow", item->flow);
          json_object_set_int_member (entry, "seq", (gint64) item->seq);
          json_object_set_string_member (entry, "time", item->time);
          json_object_set_string_member (entry, "event", item->event);
          json_object_set_string_member (entry, "actor", item->actor);
          json_object_set_string_member (entry, "description", item->description);
          json_array_add_object_element (evidence, entry);
        }
      json_object_set_array_member (criterion, "evidence", evidence);
      json_array_add_object_element (list, criterion);
    }
  json_object_set_array_member (object, "criteria", list);

  json_node_take_object (root, object);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, length);
}

static void
append_escaped (GString    *html,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (html, escaped);
}

static const char html_style[] =
  "body{font-family:system-ui,sans-serif;line-height:1.5;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a;background:#fff}"
  "h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #888}"
  "table{border-collapse:collapse;width:100%}caption{text-align:left;font-style:italic}"
  "th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left;vertical-align:top}"
  "th{background:#eee}.note{font-style:italic}.none{color:#333}"
  ".signature{margin-top:3rem}.line{display:inline-block;min-width:20rem;border-bottom:1px solid #000}"
  "@media print{body{margin:0;max-width:none}section{break-inside:avoid}h2{break-after:avoid}}";

static char *
report_to_html (Report     *report,
                const char *witness_statement,
                gsize      *length)
{
  GString *html = g_string_new (NULL);
  g_autofree char *generated = now_text ();

  g_string_append (html, "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                         "<title>Evidence record: unit D4</title>\n<style>");
  g_string_append (html, html_style);
  g_string_append (html, "</style>\n</head>\n<body>\n<header>\n"
                         "<h1>Evidence record: unit D4, Support customers using on-line customer services</h1>\n<p>Generated ");
  append_escaped (html, generated);
  g_string_append_printf (html, " from %u session%s", report->session_ids->len,
                          report->session_ids->len == 1 ? "" : "s");
  if (report->session_ids->len > 0)
    {
      g_string_append (html, ":</p>\n<ul>\n");
      for (guint i = 0; i < report->session_ids->len; i++)
        {
          g_string_append (html, "<li>");
          append_escaped (html, g_ptr_array_index (report->session_ids, i));
          g_string_append (html, "</li>\n");
        }
      g_string_append (html, "</ul>\n");
    }
  else
    g_string_append (html, ".</p>\n");
  g_string_append (html, "</header>\n<main>\n");

  for (guint c = 0; c < N_CRITERIA; c++)
    {
      GPtrArray *items = report->items[c];

      g_string_append_printf (html, "<section aria-labelledby=\"c-%s\">\n<h2 id=\"c-%s\">", criteria[c].id, criteria[c].id);
      g_string_append (html, criteria[c].id);
      g_string_append (html, " ");
      append_escaped (html, criteria[c].title);
      g_string_append (html, "</h2>\n");
      if (criteria[c].note != NULL)
        {
          g_string_append (html, "<p class=\"note\">");
          append_escaped (html, criteria[c].note);
          g_string_append (html, "</p>\n");
        }
      if (items->len == 0)
        g_string_append (html, "<p class=\"none\">No evidence recorded</p>\n");
      else
        {
          g_string_append_printf (html, "<table>\n<caption>Actions showing %s</caption>\n<thead>\n<tr>"
                                        "<th scope=\"col\">Session</th><th scope=\"col\">Flow</th>"
                                        "<th scope=\"col\">Event</th><th scope=\"col\">Time (UTC)</th>"
                                        "<th scope=\"col\">Action</th></tr>\n</thead>\n<tbody>\n", criteria[c].id);
          for (guint i = 0; i < items->len; i++)
            {
              Item *item = g_ptr_array_index (items, i);

              g_string_append (html, "<tr><td>");
              append_escaped (html, item->session);
              g_string_append (html, "</td><td>");
              append_escaped (html, item->flow);
              g_string_append_printf (html, "</td><td>%" G_GUINT64_FORMAT "</td><td><time datetime=\"", item->seq);
              append_escaped (html, item->time);
              g_string_append (html, "\">");
              append_escaped (html, item->time);
              g_string_append (html, "</time></td><td>");
              append_escaped (html, item->description);
              g_string_append (html, "</td></tr>\n");
            }
          g_string_append (html, "</tbody>\n</table>\n");
        }
      g_string_append (html, "</section>\n");
    }

  g_string_append (html, "<section aria-labelledby=\"witness\">\n<h2 id=\"witness\">Witness statement</h2>\n");
  if (witness_statement != NULL && *witness_statement != '\0')
    {
      g_auto(GStrv) lines = g_strsplit (witness_statement, "\n", -1);

      g_string_append (html, "<p class=\"statement\">");
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (html, "<br>\n");
          append_escaped (html, lines[i]);
        }
      g_string_append (html, "</p>\n");
    }
  else
    g_string_append (html, "<p class=\"none\">No witness statement recorded</p>\n");
  g_string_append (html, "<p class=\"signature\">Signature of witness: <span class=\"line\">&#160;</span></p>\n"
                         "<p>Name: <span class=\"line\">&#160;</span></p>\n"
                         "<p>Date: <span class=\"line\">&#160;</span></p>\n"
                         "</section>\n</main>\n</body>\n</html>\n");

  *length = html->len;
  return g_string_free (html, FALSE);
}

gboolean
gp_evidence_report_write (GpJournal          *journal,
                          const char * const *session_ids,
                          GpEvidenceFormat    format,
                          const char         *witness_statement,
                          GOutputStream      *out,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_auto(Report) report = { 0 };
  g_autofree char *text = NULL;
  gsize length = 0;

  g_return_val_if_fail (GP_IS_JOURNAL (journal), FALSE);
  g_return_val_if_fail (format == GP_EVIDENCE_FORMAT_JSON || format == GP_EVIDENCE_FORMAT_HTML, FALSE);
  g_return_val_if_fail (witness_statement == NULL || g_utf8_validate (witness_statement, -1, NULL), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!collect (journal, session_ids, &report, error))
    return FALSE;
  if (format == GP_EVIDENCE_FORMAT_JSON)
    text = report_to_json (&report, witness_statement, &length);
  else
    text = report_to_html (&report, witness_statement, &length);
  return g_output_stream_write_all (out, text, length, NULL, cancellable, error);
}
