/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>
#include <guidepost/guidepost.h>
#include <guidepost/gp-handoff.h>

#include "gp-ui-resources.h"

#include "gp-application.h"
#include "gp-flow-row.h"
#include "gp-journal-row.h"
#include "gp-session-view.h"
#include "gp-sessions-window.h"
#include "gp-window.h"

/* Rows made before the first frame: more than a screenful at any height; the rest
 * follow in idle batches so that a large library does not delay the window. */
#define FIRST_FLOW_ROWS 12
#define FLOW_ROWS_PER_IDLE 16

/* The library lists this many unfinished and finished sessions; the sessions view all. */
#define MAX_CONTINUE_ROWS 5
#define MAX_RECENT_ROWS 5

/* Longer queries are shortened in the "No flows match" title so that it stays a title. */
#define QUERY_TITLE_MAX_CHARS 40

struct _GpWindow
{
  AdwApplicationWindow  parent_instance;

  GpFlowLibrary        *library;
  GpJournal            *journal;
  /* NULL without the application's schema. */
  GSettings            *settings;
  /* The view on the session page, NULL before the first session (owned by session_bin). */
  GpSessionView        *session_view;
  GBinding             *session_title_binding;
  /* Why there is no journal, for the sessions view. */
  GError               *journal_error;
  /* The result of gp_flow_library_search() for the current query, NULL when the query
   * is empty and the whole library is shown. */
  GListModel           *search_results;
  /* What flow_list is bound to: the library or search_results (not a reference). */
  GListModel           *shown;
  /* How many of shown's items have a row in flow_list (rows follow items in order). */
  guint                 n_rows;
  guint                 fill_source;
  /* The query search_results are for, "" for the whole library. */
  char                 *shown_query;
  /* Rebuilt whenever the library's problems change; owned by problems_list. */
  AdwExpanderRow       *problems_row;

  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkScrolledWindow    *flows_scroller;
  GtkListBox           *problems_list;
  GtkListBox           *flow_list;
  AdwStatusPage        *no_match_page;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *session_placeholder;
  AdwLeaflet           *leaflet;
  GtkWidget            *library_page;
  GtkWidget            *session_page;
  AdwWindowTitle       *session_title;
  GtkWidget            *back_button;
  AdwBin               *session_bin;
  GtkWidget            *handoff_group;
  AdwEntryRow          *handoff_row;
  GtkLabel             *handoff_error_label;
  GtkWidget            *continue_group;
  GtkListBox           *continue_list;
  GtkWidget            *recent_group;
  GtkListBox           *recent_list;
  GtkWidget            *flows_heading;
};

G_DEFINE_FINAL_TYPE (GpWindow, gp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  PROP_JOURNAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_query (GpWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return g_strstrip (g_strdup (text));
}

static void
gp_window_update_page (GpWindow *self)
{
  g_autofree char *query = get_query (self);
  GListModel *problems = gp_flow_library_get_problems (self->library);
  guint n_flows = g_list_model_get_n_items (self->shown);
  guint n_problems = problems != NULL ? g_list_model_get_n_items (problems) : 0;
  gboolean searching = *query != '\0';
  const char *page;

  /* Problems belong to the library view; a search shows only what matches. */
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), !searching && n_problems > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->flow_list), n_flows > 0);
  gtk_widget_set_visible (self->flows_heading, !searching && n_flows > 0);
  gtk_widget_set_visible (self->handoff_group, !searching && self->journal != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->handoff_error_label),
                          !searching && *gtk_label_get_label (self->handoff_error_label) != '\0');
  gtk_widget_set_visible (self->continue_group,
                          !searching && gtk_list_box_get_row_at_index (self->continue_list, 0) != NULL);
  gtk_widget_set_visible (self->recent_group,
                          !searching && gtk_list_box_get_row_at_index (self->recent_list, 0) != NULL);

  if (n_flows > 0 || (!searching && n_problems > 0))
    {
      page = "flows";
    }
  else if (searching)
    {
      g_autofree char *shown_query = NULL;
      g_autofree char *title = NULL;

      if (g_utf8_strlen (query, -1) > QUERY_TITLE_MAX_CHARS)
        {
          g_autofree char *start = g_utf8_substring (query, 0, QUERY_TITLE_MAX_CHARS - 1);

          shown_query = g_strconcat (g_strchomp (start), "…", NULL);
        }
      else
        {
          shown_query = g_strdup (query);
        }

      /* Translators: %s is what the user typed into the search entry */
      title = g_strdup_printf (_("No flows match “%s”"), shown_query);
      adw_status_page_set_title (self->no_match_page, title);
      page = "no-match";
    }
  else
    {
      page = "empty";
    }

  gtk_stack_set_visible_child_name (self->stack, page);
}

static void
gp_window_add_rows (GpWindow *self,
                    guint     up_to)
{
  guint n_items = g_list_model_get_n_items (self->shown);

  for (; self->n_rows < MIN (up_to, n_items); self->n_rows++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (self->shown, self->n_rows);

      gtk_list_box_append (self->flow_list, gp_flow_row_new (flow));
    }
}

static gboolean
add_rows_in_idle (gpointer user_data)
{
  GpWindow *self = user_data;

  gp_window_add_rows (self, self->n_rows + FLOW_ROWS_PER_IDLE);
  if (self->n_rows < g_list_model_get_n_items (self->shown))
    return G_SOURCE_CONTINUE;

  self->fill_source = 0;
  return G_SOURCE_REMOVE;
}

static void
gp_window_schedule_rows (GpWindow *self)
{
  if (self->fill_source == 0 && self->n_rows < g_list_model_get_n_items (self->shown))
    self->fill_source = g_idle_add_full (G_PRIORITY_LOW, add_rows_in_idle, self, NULL);
}

static void
gp_window_remove_rows (GpWindow *self)
{
  GtkWidget *row;

  g_clear_handle_id (&self->fill_source, g_source_remove);
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->flow_list))) != NULL)
    gtk_list_box_remove (self->flow_list, row);
  self->n_rows = 0;
}

/* Keeps the rows in step with the shown model, as gtk_list_box_bind_model() would. */
static void
on_shown_rows_changed (GpWindow   *self,
                       guint       position,
                       guint       removed,
                       guint       added,
                       GListModel *model)
{
  guint removed_rows;

  if (model != self->shown)
    return;

  if (position <= self->n_rows)
    {
      removed_rows = MIN (removed, self->n_rows - position);
      for (guint i = 0; i < removed_rows; i++)
        gtk_list_box_remove (self->flow_list,
                             GTK_WIDGET (gtk_list_box_get_row_at_index (self->flow_list, position)));
      self->n_rows -= removed_rows;

      for (guint i = 0; i < added; i++)
        {
          g_autoptr(GpFlow) flow = g_list_model_get_item (model, position + i);

          gtk_list_box_insert (self->flow_list, gp_flow_row_new (flow), position + i);
        }
      self->n_rows += added;
    }

  gp_window_schedule_rows (self);
}

static void
on_shown_items_changed (GpWindow   *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  gp_window_update_page (self);
}

/* Binds the list to the whole library for an empty query, else to a fresh search. */
static void
gp_window_bind_model (GpWindow *self)
{
  g_autofree char *query = get_query (self);
  GtkAdjustment *vadjustment;

  if (self->shown != NULL)
    g_signal_handlers_disconnect_by_func (self->shown, on_shown_rows_changed, self);
  if (self->search_results != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->search_results, on_shown_items_changed, self);
      g_clear_object (&self->search_results);
    }

  if (*query == '\0')
    {
      self->shown = G_LIST_MODEL (self->library);
    }
  else
    {
      self->search_results = gp_flow_library_search (self->library, query);
      g_signal_connect_object (self->search_results, "items-changed",
                               G_CALLBACK (on_shown_items_changed), self,
                               G_CONNECT_SWAPPED);
      self->shown = self->search_results;
    }

  gp_window_remove_rows (self);
  gp_window_add_rows (self, FIRST_FLOW_ROWS);
  gp_window_schedule_rows (self);
  g_signal_connect_object (self->shown, "items-changed",
                           G_CALLBACK (on_shown_rows_changed), self,
                           G_CONNECT_SWAPPED);
  g_free (self->shown_query);
  self->shown_query = g_steal_pointer (&query);

  /* A new query starts at its best match. */
  vadjustment = gtk_scrolled_window_get_vadjustment (self->flows_scroller);
  gtk_adjustment_set_value (vadjustment, gtk_adjustment_get_lower (vadjustment));

  gp_window_update_page (self);
}

/* Search-changed comes again after Enter and after Escape: rebinding for the same query
 * would only throw away the rows and the keyboard focus in them. */
static void
gp_window_update_model (GpWindow *self)
{
  g_autofree char *query = get_query (self);

  if (g_strcmp0 (query, self->shown_query) != 0)
    gp_window_bind_model (self);
}

static void
on_library_items_changed (GpWindow   *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *library)
{
  g_autofree char *query = get_query (self);

  /* Search results are a snapshot of the library: search again. */
  if (*query != '\0')
    gp_window_bind_model (self);
  else
    gp_window_update_page (self);
}

/* Shown per problem in a file's row; "Copy Details" gives every one of them. */
#define MAX_MESSAGES_PER_FILE 3

static char *
describe_diagnostic (GpDiagnostic *diagnostic)
{
  const char *pointer = gp_diagnostic_get_pointer (diagnostic);
  const char *message = gp_diagnostic_get_message (diagnostic);

  if (gp_diagnostic_get_line (diagnostic) > 0)
    /* Translators: a problem in a flow file; the numbers say where it is */
    return g_strdup_printf (_("Line %u, column %u: %s"),
                            gp_diagnostic_get_line (diagnostic),
                            gp_diagnostic_get_column (diagnostic),
                            message);

  if (pointer != NULL && *pointer != '\0')
    /* Translators: a problem in a flow file; %s is a JSON pointer such as /steps/2/why */
    return g_strdup_printf (_("At %s: %s"), pointer, message);

  return g_strdup (message);
}

/* One row per file, however many problems it has. */
static GtkWidget *
create_problem_row (const char *file,
                    GPtrArray  *diagnostics)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_path_get_basename (file);
  g_autoptr(GString) subtitle = g_string_new (NULL);

  for (guint i = 0; i < diagnostics->len && i < MAX_MESSAGES_PER_FILE; i++)
    {
      g_autofree char *line = describe_diagnostic (diagnostics->pdata[i]);

      if (i > 0)
        g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, line);
    }

  if (diagnostics->len > MAX_MESSAGES_PER_FILE)
    {
      guint more = diagnostics->len - MAX_MESSAGES_PER_FILE;

      g_string_append_c (subtitle, '\n');
      g_string_append_printf (subtitle,
                              ngettext ("and %u more problem", "and %u more problems", more),
                              more);
    }

  /* File names and messages are not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  gtk_widget_set_tooltip_text (row, file);

  return row;
}

static void
gp_window_update_problems (GpWindow *self)
{
  GListModel *problems = gp_flow_library_get_problems (self->library);
  guint n_problems = problems != NULL ? g_list_model_get_n_items (problems) : 0;
  g_autoptr(GHashTable) by_file = NULL;
  g_autoptr(GPtrArray) files = NULL;
  gboolean expanded = FALSE;
  g_autofree char *title = NULL;
  GtkWidget *icon;
  GtkWidget *copy_button;

  if (self->problems_row != NULL)
    {
      expanded = adw_expander_row_get_expanded (self->problems_row);
      gtk_list_box_remove (self->problems_list, GTK_WIDGET (self->problems_row));
      self->problems_row = NULL;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.copy-problems", n_problems > 0);

  if (n_problems == 0)
    {
      gp_window_update_page (self);
      return;
    }

  /* file → GpDiagnostics, files in the order the library reports them */
  by_file = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  files = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_problems; i++)
    {
      g_autoptr(GpDiagnostic) diagnostic = g_list_model_get_item (problems, i);
      const char *file = gp_diagnostic_get_file (diagnostic);
      GPtrArray *diagnostics;

      if (file == NULL)
        file = _("Unknown file");

      diagnostics = g_hash_table_lookup (by_file, file);
      if (diagnostics == NULL)
        {
          char *key = g_strdup (file);

          diagnostics = g_ptr_array_new_with_free_func (g_object_unref);
          g_ptr_array_add (files, key);
          g_hash_table_insert (by_file, key, diagnostics);
        }
      g_ptr_array_add (diagnostics, g_steal_pointer (&diagnostic));
    }

  self->problems_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  title = g_strdup_printf (ngettext ("%u flow file could not be read",
                                     "%u flow files could not be read",
                                     files->len),
                           files->len);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problems_row), title);
  adw_expander_row_set_subtitle (self->problems_row, _("The other flows are not affected"));
  adw_expander_row_set_expanded (self->problems_row, expanded);

  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                  -1);
  adw_expander_row_add_prefix (self->problems_row, icon);

  copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic");
  gtk_widget_set_valign (copy_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (copy_button, _("Copy Details"));
  gtk_widget_add_css_class (copy_button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy_button), "win.copy-problems");
  adw_expander_row_add_action (self->problems_row, copy_button);

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];

      adw_expander_row_add_row (self->problems_row,
                                create_problem_row (file, g_hash_table_lookup (by_file, file)));
    }

  gtk_list_box_append (self->problems_list, GTK_WIDGET (self->problems_row));
  gp_window_update_page (self);
}

static void
on_problems_items_changed (GpWindow   *self,
                           guint       position,
                           guint       removed,
                           guint       added,
                           GListModel *problems)
{
  gp_window_update_problems (self);
}

static void
on_search_changed (GpWindow *self)
{
  gp_window_update_model (self);
}

static void
on_stop_search (GpWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_search_activate (GpWindow *self)
{
  GtkListBoxRow *first;

  /* Enter takes the keyboard from the query to the best match. */
  gp_window_update_model (self);
  first = gtk_list_box_get_row_at_index (self->flow_list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
gp_window_search (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->library_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
gp_window_copy_problems (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  GListModel *problems = gp_flow_library_get_problems (self->library);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_problems = problems != NULL ? g_list_model_get_n_items (problems) : 0;

  for (guint i = 0; i < n_problems; i++)
    {
      g_autoptr(GpDiagnostic) diagnostic = g_list_model_get_item (problems, i);
      g_autofree char *line = gp_diagnostic_to_string (diagnostic);

      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Details copied")));
}

/* Navigation between the library and the session page. */

static void
gp_window_show_library (GpWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->library_page);
}

static void
gp_window_show_session_page (GpWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->session_page);
}

static void
on_leaflet_changed (GpWindow *self)
{
  gboolean in_session = adw_leaflet_get_folded (self->leaflet) &&
                        adw_leaflet_get_visible_child (self->leaflet) == self->session_page;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", in_session);

  /* Typing in the session must not land in the library's hidden search entry. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, in_session ? NULL : GTK_WIDGET (self));

  if (!in_session)
    gp_window_refresh_sessions (self);
}

static void
gp_window_remember_mode (GpWindow *self)
{
  GpSession *session;

  if (self->session_view == NULL || self->settings == NULL)
    return;

  session = gp_session_view_get_session (self->session_view);
  if (session != NULL)
    g_settings_set_enum (self->settings, "last-mode", gp_session_get_mode (session));
}

static void
on_session_view_closed (GpWindow *self)
{
  gp_window_remember_mode (self);
  gp_window_show_library (self);
  gp_window_refresh_sessions (self);
}

/* A fresh view per session: nothing of the last one stays behind. */
static GpSessionView *
gp_window_new_session_view (GpWindow *self)
{
  GtkWidget *view = gp_session_view_new ();

  gp_window_remember_mode (self);
  g_clear_object (&self->session_title_binding);
  if (self->session_view != NULL)
    g_signal_handlers_disconnect_by_data (self->session_view, self);

  self->session_view = GP_SESSION_VIEW (view);
  adw_bin_set_child (self->session_bin, view);
  g_signal_connect_object (view, "closed", G_CALLBACK (on_session_view_closed), self,
                           G_CONNECT_SWAPPED);
  self->session_title_binding = g_object_ref (g_object_bind_property (view, "title",
                                                                      self->session_title, "title",
                                                                      G_BINDING_SYNC_CREATE));
  return self->session_view;
}

void
gp_window_start_session (GpWindow *self,
                         GpFlow   *flow)
{
  g_autofree char *goal = NULL;
  GpSessionMode mode = GP_SESSION_MODE_ASSISTED;

  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (GP_IS_FLOW (flow));

  goal = get_query (self);
  if (self->settings != NULL)
    mode = (GpSessionMode) g_settings_get_enum (self->settings, "last-mode");

  gp_session_view_start (gp_window_new_session_view (self), flow, self->journal, goal, mode);
  gp_window_show_session_page (self);
}

static void
gp_window_show_existing_session (GpWindow  *self,
                                 GpSession *session)
{
  gp_session_view_show_session (gp_window_new_session_view (self), session);
  gp_window_show_session_page (self);
}

static gboolean
gp_window_is_current_session (GpWindow   *self,
                              const char *session_id)
{
  GpSession *current = self->session_view != NULL ? gp_session_view_get_session (self->session_view) : NULL;

  return current != NULL && g_strcmp0 (gp_session_get_id (current), session_id) == 0;
}

gboolean
gp_window_resume_session (GpWindow    *self,
                          const char  *session_id,
                          GError     **error)
{
  GpJournalSession *listed;
  GpFlow *flow;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) session = NULL;

  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The session on the page already goes on from where it is; a second copy would
   * write the same events twice. */
  if (gp_window_is_current_session (self, session_id))
    {
      gp_window_show_session_page (self);
      return TRUE;
    }

  if (self->journal == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO, _("The journal could not be opened"));
      return FALSE;
    }

  listed = gp_journal_find_session (self->journal, session_id);
  if (listed == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                   _("The session %s is not in the journal"), session_id);
      return FALSE;
    }

  flow = gp_flow_library_lookup (self->library, gp_journal_session_get_flow_id (listed));
  if (flow == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED,
                   _("The flow “%s” of this session is no longer in the library"),
                   gp_journal_session_get_flow_id (listed));
      return FALSE;
    }

  events = gp_journal_load_events (self->journal, session_id, error);
  if (events == NULL)
    return FALSE;

  session = gp_session_new_from_events (flow, events, error);
  if (session == NULL)
    return FALSE;
  gp_session_set_sink (session, GP_EVENT_SINK (self->journal));

  gp_window_show_existing_session (self, session);
  return TRUE;
}

static void
on_continue_row_activated (GpWindow      *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  GpJournalSession *listed = gp_journal_row_get_session (GP_JOURNAL_ROW (row));
  g_autoptr(GError) error = NULL;

  if (!gp_window_resume_session (self, gp_journal_session_get_id (listed), &error))
    {
      /* Translators: %s says why a session could not be continued */
      g_autofree char *title = g_strdup_printf (_("Could not continue the session: %s"), error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
on_flow_row_activated (GpWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  gp_window_start_session (self, gp_flow_row_get_flow (GP_FLOW_ROW (row)));
}

static void
gp_window_back (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  gp_window_remember_mode (self);
  gp_window_show_library (self);
}

static void
gp_window_show_sessions (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  GtkWidget *sessions = gp_sessions_window_new (self->journal, self->library, self->journal_error);

  gtk_window_set_transient_for (GTK_WINDOW (sessions), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (sessions));
}

/* Hand-off codes. */

static void
gp_window_set_handoff_error (GpWindow   *self,
                             const char *message)
{
  gtk_label_set_label (self->handoff_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->handoff_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->handoff_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->handoff_row), "error");
}

/* What the person at the keyboard can do about it, in their words. */
static char *
describe_handoff_error (const char   *code,
                        const GError *error)
{
  if (error->domain == GP_HANDOFF_ERROR)
    {
      switch ((GpHandoffError) error->code)
        {
        case GP_HANDOFF_ERROR_INVALID_CODE:
          /* Translators: %s is what was typed as a hand-off code */
          return g_strdup_printf (_("“%s” is not a hand-off code. A code has eight letters and "
                                    "digits, such as 7KQM-2XHD: ask the customer to read it again."),
                                  code);
        case GP_HANDOFF_ERROR_UNKNOWN_CODE:
          /* Translators: %s is a hand-off code */
          return g_strdup_printf (_("No session was handed off with the code %s. Check the code "
                                    "with the customer: it is shown after they press “I need help”."),
                                  code);
        case GP_HANDOFF_ERROR_ALREADY_HANDED_OFF:
          return g_strdup (_("This session was already handed off to an agent. It is in the "
                             "Continue list."));
        case GP_HANDOFF_ERROR_FLOW_UNAVAILABLE:
          /* Translators: %s says which flow is missing */
          return g_strdup_printf (_("The flow of this session is not in the library: %s"), error->message);
        case GP_HANDOFF_ERROR_NOT_IN_JOURNAL:
        case GP_HANDOFF_ERROR_NOT_REQUESTED:
        case GP_HANDOFF_ERROR_INVALID_FILE:
        default:
          break;
        }
    }

  return g_strdup (error->message);
}

gboolean
gp_window_open_handoff (GpWindow    *self,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  typed = g_strstrip (g_strdup (code));

  if (*typed == '\0')
    {
      g_set_error (&local_error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_CODE,
                   _("No hand-off code was given"));
      gp_window_set_handoff_error (self, _("Type the code the customer reads out, such as 7KQM-2XHD."));
    }
  else if (self->journal == NULL)
    {
      g_set_error (&local_error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO,
                   _("The journal could not be opened"));
      gp_window_set_handoff_error (self, local_error->message);
    }
  else
    {
      g_autofree char *normalized = gp_handoff_code_normalize (typed);

      session = gp_handoff_open (self->journal, self->library, typed, &local_error);
      if (session == NULL)
        {
          /* The code as the customer reads it, when it is one. */
          message = describe_handoff_error (normalized != NULL ? normalized : typed, local_error);
          gp_window_set_handoff_error (self, message);
        }
    }

  if (session == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gp_window_set_handoff_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->handoff_row), "");
  gp_window_show_existing_session (self, session);
  return TRUE;
}

static void
gp_window_open_handoff_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  gp_window_open_handoff (self, gtk_editable_get_text (GTK_EDITABLE (self->handoff_row)), NULL);
}

static void
on_handoff_activated (GpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-handoff", NULL);
}

static void
on_handoff_changed (GpWindow *self)
{
  /* The error was about what was typed before. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->handoff_error_label)))
    gp_window_set_handoff_error (self, NULL);
}

static void
gp_window_focus_handoff (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  if (!gtk_widget_get_visible (self->handoff_group))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gp_window_show_library (self);
  gp_window_update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->handoff_row));
}

/* The Continue and Recent lists. */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Where an unfinished session stopped: replaying its events tells. */
static char *
describe_step_reached (GpWindow         *self,
                       GpJournalSession *listed)
{
  GpFlow *flow = gp_flow_library_lookup (self->library, gp_journal_session_get_flow_id (listed));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) session = NULL;
  GpStep *step;

  if (flow == NULL)
    return NULL;
  events = gp_journal_load_events (self->journal, gp_journal_session_get_id (listed), NULL);
  if (events == NULL)
    return NULL;
  session = gp_session_new_from_events (flow, events, NULL);
  if (session == NULL)
    return NULL;
  step = gp_session_get_current_step (session);
  return step != NULL ? g_strdup (gp_step_get_title (step)) : NULL;
}

void
gp_window_refresh_sessions (GpWindow *self)
{
  g_autoptr(GPtrArray) unfinished = NULL;
  guint n_sessions;
  guint n_recent = 0;

  g_return_if_fail (GP_IS_WINDOW (self));

  clear_list (self->continue_list);
  clear_list (self->recent_list);

  if (self->journal != NULL)
    {
      unfinished = gp_journal_list_unfinished (self->journal);
      for (guint i = 0; unfinished != NULL && i < unfinished->len && i < MAX_CONTINUE_ROWS; i++)
        {
          GpJournalSession *listed = unfinished->pdata[i];
          g_autofree char *step_title = describe_step_reached (self, listed);

          gtk_list_box_append (self->continue_list,
                               gp_journal_row_new (listed, self->library, GP_JOURNAL_ROW_CONTINUE, step_title));
        }

      n_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->journal));
      for (guint i = 0; i < n_sessions && n_recent < MAX_RECENT_ROWS; i++)
        {
          g_autoptr(GpJournalSession) listed = g_list_model_get_item (G_LIST_MODEL (self->journal), i);

          if (!gp_journal_session_get_ended (listed))
            continue;
          gtk_list_box_append (self->recent_list,
                               gp_journal_row_new (listed, self->library, GP_JOURNAL_ROW_RECENT, NULL));
          n_recent++;
        }
    }

  gp_window_update_page (self);
}

/* The shortcuts window, built when first asked for rather than with every window. */
static void
gp_window_show_help_overlay (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GpWindow *self = GP_WINDOW (user_data);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self), overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

/* Window size. */

static void
gp_window_restore_state (GpWindow *self)
{
  if (self->settings == NULL)
    return;

  gtk_window_set_default_size (GTK_WINDOW (self),
                               MAX (360, g_settings_get_int (self->settings, "window-width")),
                               MAX (294, g_settings_get_int (self->settings, "window-height")));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
gp_window_save_state (GpWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  /* The default size follows the user's resizing but not maximizing. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* The window's settings are its application's; the size comes from them once. */
static void
on_application_changed (GpWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->settings != NULL || !GP_IS_APPLICATION (application) ||
      gp_application_get_settings (GP_APPLICATION (application)) == NULL)
    return;

  self->settings = g_object_ref (gp_application_get_settings (GP_APPLICATION (application)));
  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    gp_window_restore_state (self);
}

static gboolean
gp_window_close_request (GtkWindow *window)
{
  gp_window_save_state (GP_WINDOW (window));
  gp_window_remember_mode (GP_WINDOW (window));

  return GTK_WINDOW_CLASS (gp_window_parent_class)->close_request (window);
}

static void
gp_window_constructed (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);
  g_autofree char *user_dir = NULL;
  g_autofree char *user_dir_markup = NULL;
  g_autofree char *description = NULL;
  GListModel *problems;

  G_OBJECT_CLASS (gp_window_parent_class)->constructed (object);

  g_return_if_fail (GP_IS_FLOW_LIBRARY (self->library));

  {
    g_autoptr(GSimpleAction) help = g_simple_action_new ("show-help-overlay", NULL);

    g_signal_connect_object (help, "activate", G_CALLBACK (gp_window_show_help_overlay), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (help));
  }

  /* GtkWindow:application is not a construct property: it comes after constructed. */
  g_signal_connect (self, "notify::application", G_CALLBACK (on_application_changed), NULL);
  on_application_changed (self);

  user_dir = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);
  if (g_str_has_prefix (user_dir, g_get_home_dir ()) &&
      G_IS_DIR_SEPARATOR (user_dir[strlen (g_get_home_dir ())]))
    {
      char *short_dir = g_strconcat ("~", user_dir + strlen (g_get_home_dir ()), NULL);

      g_free (user_dir);
      user_dir = short_dir;
    }
  user_dir_markup = g_markup_escape_text (user_dir, -1);
  /* Translators: %s is a folder */
  description = g_strdup_printf (_("Flow files put in %s appear here"), user_dir_markup);
  adw_status_page_set_description (self->empty_page, description);

  g_signal_connect_object (self->library, "items-changed",
                           G_CALLBACK (on_library_items_changed), self,
                           G_CONNECT_SWAPPED);
  problems = gp_flow_library_get_problems (self->library);
  if (problems != NULL)
    g_signal_connect_object (problems, "items-changed",
                             G_CALLBACK (on_problems_items_changed), self,
                             G_CONNECT_SWAPPED);

  gp_window_update_model (self);
  gp_window_update_problems (self);
  gp_window_refresh_sessions (self);
  on_leaflet_changed (self);

  /* The first thing an agent does is type what the customer said.  (The template's
   * focus-widget is applied before the entry can take the focus.) */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->search_entry));
}

static void
gp_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  GpWindow *self = GP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;

    case PROP_JOURNAL:
      g_value_set_object (value, self->journal);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  GpWindow *self = GP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;

    case PROP_JOURNAL:
      self->journal = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_window_dispose (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);

  if (self->library != NULL)
    {
      GListModel *problems = gp_flow_library_get_problems (self->library);

      if (problems != NULL)
        g_signal_handlers_disconnect_by_data (problems, self);
      g_signal_handlers_disconnect_by_data (self->library, self);
    }

  if (self->search_results != NULL)
    g_signal_handlers_disconnect_by_data (self->search_results, self);

  g_clear_handle_id (&self->fill_source, g_source_remove);

  if (self->session_view != NULL)
    g_signal_handlers_disconnect_by_data (self->session_view, self);
  g_clear_object (&self->session_title_binding);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_WINDOW);

  self->session_view = NULL;
  g_clear_object (&self->journal);
  g_clear_object (&self->settings);

  self->shown = NULL;
  self->problems_row = NULL;
  g_clear_object (&self->search_results);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gp_window_parent_class)->dispose (object);
}

static void
gp_window_finalize (GObject *object)
{
  GpWindow *self = GP_WINDOW (object);

  g_free (self->shown_query);
  g_clear_error (&self->journal_error);

  G_OBJECT_CLASS (gp_window_parent_class)->finalize (object);
}

static void
gp_window_class_init (GpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = gp_window_constructed;
  object_class->get_property = gp_window_get_property;
  object_class->set_property = gp_window_set_property;
  object_class->dispose = gp_window_dispose;
  object_class->finalize = gp_window_finalize;
  window_class->close_request = gp_window_close_request;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         GP_TYPE_FLOW_LIBRARY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_JOURNAL] =
    g_param_spec_object ("journal", NULL, NULL,
                         GP_TYPE_JOURNAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Referencing the resource keeps the static library's copy of it linked in. */
  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flows_scroller);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, problems_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flow_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_placeholder);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, library_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_page);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_title);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, session_bin);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_row);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, handoff_error_label);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, continue_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, continue_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GpWindow, flows_heading);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_handoff_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_handoff_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, gp_window_search);
  gtk_widget_class_install_action (widget_class, "win.copy-problems", NULL, gp_window_copy_problems);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, gp_window_back);
  gtk_widget_class_install_action (widget_class, "win.show-sessions", NULL, gp_window_show_sessions);
  gtk_widget_class_install_action (widget_class, "win.open-handoff", NULL, gp_window_open_handoff_action);
  gtk_widget_class_install_action (widget_class, "win.focus-handoff", NULL, gp_window_focus_handoff);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-sessions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_S, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.show-sessions", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.focus-handoff", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  g_type_ensure (GP_TYPE_FLOW_ROW);
  g_type_ensure (GP_TYPE_SESSION_VIEW);
}

/* The status pages' large icons are SVGs; loading one pulls in librsvg, which costs a
 * noticeable part of start-up.  A page gets its icon once it is still shown after the
 * main loop is idle: a leaflet maps all its pages before its first allocation folds it. */
static gboolean
set_icon_if_mapped (gpointer data)
{
  AdwStatusPage *page = data;

  if (gtk_widget_get_mapped (GTK_WIDGET (page)))
    adw_status_page_set_icon_name (page, g_object_get_data (G_OBJECT (page), "gp-icon-name"));
  return G_SOURCE_REMOVE;
}

static void
on_status_page_map (GtkWidget *page)
{
  if (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)) == NULL)
    g_idle_add_full (G_PRIORITY_LOW, set_icon_if_mapped, g_object_ref (page), g_object_unref);
}

static void
set_icon_when_shown (AdwStatusPage *page,
                     const char    *icon_name)
{
  g_object_set_data (G_OBJECT (page), "gp-icon-name", (gpointer) icon_name);
  g_signal_connect (page, "map", G_CALLBACK (on_status_page_map), NULL);
}

static void
gp_window_init (GpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  set_icon_when_shown (self->no_match_page, "system-search-symbolic");
  set_icon_when_shown (self->empty_page, "view-list-symbolic");
  set_icon_when_shown (self->session_placeholder, "mark-location-symbolic");

  /* An agent can start typing what the customer says without clicking first. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GpWindow *
gp_window_new (GtkApplication *application,
               GpFlowLibrary  *library)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);

  return gp_window_new_with_journal (application, library, NULL);
}

GpWindow *
gp_window_new_with_journal (GtkApplication *application,
                            GpFlowLibrary  *library,
                            GpJournal      *journal)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);
  g_return_val_if_fail (journal == NULL || GP_IS_JOURNAL (journal), NULL);

  return g_object_new (GP_TYPE_WINDOW,
                       "application", application,
                       "library", library,
                       "journal", journal,
                       NULL);
}

/**
 * gp_window_get_library:
 *
 * Returns: (transfer none): the flow library the window shows
 */
GpFlowLibrary *
gp_window_get_library (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * gp_window_get_journal:
 *
 * Returns: (transfer none) (nullable): where the window's sessions are kept
 */
GpJournal *
gp_window_get_journal (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return self->journal;
}

void
gp_window_show_journal_error (GpWindow     *self,
                              const GError *error)
{
  AdwToast *toast;

  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (error != NULL);

  g_clear_error (&self->journal_error);
  self->journal_error = g_error_copy (error);

  /* A toast is one short line: the sessions view says why. */
  toast = adw_toast_new (_("Sessions will not be saved"));
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-sessions");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
gp_window_add_toast (GpWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * gp_window_get_session_view:
 *
 * Returns: (transfer none) (nullable): the view of the session page
 */
GtkWidget *
gp_window_get_session_view (GpWindow *self)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->session_view);
}
