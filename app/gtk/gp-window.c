/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-ui-resources.h"

#include "gp-flow-row.h"
#include "gp-window.h"

/* Longer queries are shortened in the "No flows match" title so that it stays a title. */
#define QUERY_TITLE_MAX_CHARS 40

struct _GpWindow
{
  AdwApplicationWindow  parent_instance;

  GpFlowLibrary        *library;
  /* The result of gp_flow_library_search() for the current query, NULL when the query
   * is empty and the whole library is shown. */
  GListModel           *search_results;
  /* What flow_list is bound to: the library or search_results (not a reference). */
  GListModel           *shown;
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
};

G_DEFINE_FINAL_TYPE (GpWindow, gp_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_flow_row (gpointer item,
                 gpointer user_data)
{
  return gp_flow_row_new (GP_FLOW (item));
}

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

  gtk_list_box_bind_model (self->flow_list, self->shown, create_flow_row, NULL, NULL);
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

  /* Unbind before the models go away. */
  if (self->flow_list != NULL)
    gtk_list_box_bind_model (self->flow_list, NULL, NULL, NULL, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_WINDOW);

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

  G_OBJECT_CLASS (gp_window_parent_class)->finalize (object);
}

static void
gp_window_class_init (GpWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gp_window_constructed;
  object_class->get_property = gp_window_get_property;
  object_class->set_property = gp_window_set_property;
  object_class->dispose = gp_window_dispose;
  object_class->finalize = gp_window_finalize;

  properties[PROP_LIBRARY] =
    g_param_spec_object ("library", NULL, NULL,
                         GP_TYPE_FLOW_LIBRARY,
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
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, gp_window_search);
  gtk_widget_class_install_action (widget_class, "win.copy-problems", NULL, gp_window_copy_problems);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  g_type_ensure (GP_TYPE_FLOW_ROW);
}

static void
gp_window_init (GpWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* An agent can start typing what the customer says without clicking first. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GpWindow *
gp_window_new (GtkApplication *application,
               GpFlowLibrary  *library)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);

  return g_object_new (GP_TYPE_WINDOW,
                       "application", application,
                       "library", library,
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
