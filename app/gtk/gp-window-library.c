/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-flow-row.h"
#include "gp-window-private.h"

char *
gp_window_get_query (GpWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return g_strstrip (g_strdup (text));
}

void
gp_window_update_page (GpWindow *self)
{
  g_autofree char *query = gp_window_get_query (self);
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
  /* Following an agent's session needs no journal of one's own. */
  gtk_widget_set_visible (self->join_group, !searching);
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

/* After each layout, rows are added where the viewport would otherwise show the end of a
 * list that has more items: the first frame shows a full screen at any window size
 * without measuring rows nobody sees yet. */
static void
on_frame_clock_layout (GpWindow      *self,
                       GdkFrameClock *frame_clock)
{
  gint64 frame = gdk_frame_clock_get_frame_counter (frame_clock);
  GtkWidget *first, *last;
  graphene_rect_t first_bounds, last_bounds;
  double bottom, row_height;
  int viewport_height;

  if (self->n_rows == 0 || self->n_rows >= g_list_model_get_n_items (self->shown) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->flow_list)) ||
      (frame == self->fill_frame && self->fill_passes >= FILL_PASSES_PER_FRAME))
    return;

  first = GTK_WIDGET (gtk_list_box_get_row_at_index (self->flow_list, 0));
  last = GTK_WIDGET (gtk_list_box_get_row_at_index (self->flow_list, self->n_rows - 1));
  if (!gtk_widget_compute_bounds (first, GTK_WIDGET (self->flows_scroller), &first_bounds) ||
      !gtk_widget_compute_bounds (last, GTK_WIDGET (self->flows_scroller), &last_bounds) ||
      last_bounds.size.height <= 0)
    return;

  viewport_height = gtk_widget_get_height (GTK_WIDGET (self->flows_scroller));
  bottom = last_bounds.origin.y + last_bounds.size.height;
  if (bottom >= viewport_height)
    return;

  if (frame != self->fill_frame)
    {
      self->fill_frame = frame;
      self->fill_passes = 0;
    }
  self->fill_passes++;

  /* Two more than rows of the average height need, so that one more layout is enough. */
  row_height = MAX (1.0, (bottom - first_bounds.origin.y) / self->n_rows);
  gp_window_add_rows (self, self->n_rows + (guint) ((viewport_height - bottom) / row_height) + 2);
}

static void
on_flow_list_realize (GpWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->flow_list));

  /* After GTK's own layout handler, when the rows have their allocation. */
  g_signal_connect_object (frame_clock, "layout", G_CALLBACK (on_frame_clock_layout), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

static void
on_flow_list_unrealize (GpWindow *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->flow_list));

  if (frame_clock != NULL)
    g_signal_handlers_disconnect_by_func (frame_clock, on_frame_clock_layout, self);
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
  g_autofree char *query = gp_window_get_query (self);
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
void
gp_window_update_model (GpWindow *self)
{
  g_autofree char *query = gp_window_get_query (self);

  if (g_strcmp0 (query, self->shown_query) != 0)
    gp_window_bind_model (self);
}

void
gp_window_on_library_items_changed (GpWindow   *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *library)
{
  g_autofree char *query = gp_window_get_query (self);

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

void
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

void
gp_window_on_problems_items_changed (GpWindow   *self,
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

void
gp_window_library_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_list_realize);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_list_unrealize);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, gp_window_search);
  gtk_widget_class_install_action (widget_class, "win.copy-problems", NULL, gp_window_copy_problems);
}
