/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <guidepost/guidepost.h>

#include "gp-application.h"
#include "gp-flow-row.h"
#include "gp-window.h"
#include "gp-test-ui.h"

#define BUNDLED_FLOWS RESOURCE_BASE "/flows"
#define N_BUNDLED_FLOWS 4
#define BANK_FLOW_ID "regain-online-banking"
#define NARROW_WIDTH 360
#define WIDE_WIDTH 1200

static GtkApplication *app;

static const char * const test_languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  GpFlowLibrary *library;
  GpWindow      *window;
} Fixture;

/* Template children, looked up the way language bindings do. */
static gpointer
window_child (Fixture    *f,
              const char *name)
{
  return gp_test_child (f->window, GP_TYPE_WINDOW, name);
}

static GFile *
user_flows_dir (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "guidepost", "flows", NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return g_file_new_for_path (path);
}

static GpFlowLibrary *
new_library_with_user_dir (void)
{
  g_autoptr(GFile) dir = user_flows_dir ();

  return gp_flow_library_new_for_sources (BUNDLED_FLOWS, dir);
}

static void
write_user_file (const char *name,
                 const char *contents)
{
  g_autoptr(GFile) dir = user_flows_dir ();
  g_autoptr(GFile) file = g_file_get_child (dir, name);
  g_autoptr(GError) error = NULL;

  g_file_replace_contents (file, contents, strlen (contents), NULL, FALSE,
                           G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Writes a copy of a bundled flow under a new id, with other texts where given. */
static void
write_flow_variant (const char *bundled_id,
                    const char *id,
                    const char *title,
                    const char *service_name,
                    double      minutes)
{
  g_autofree char *resource = g_strdup_printf (BUNDLED_FLOWS "/%s.en-GB.json", bundled_id);
  g_autofree char *name = g_strdup_printf ("%s.en-GB.json", id);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  JsonObject *root;

  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "id", id);
  if (title != NULL)
    json_object_set_string_member (root, "title", title);
  if (service_name != NULL)
    json_object_set_string_member (json_object_get_object_member (root, "service"), "name", service_name);
  if (minutes > 0)
    json_object_set_double_member (root, "estimated_minutes", minutes);

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, NULL);
  write_user_file (name, data);
}

static void
fixture_open (Fixture       *f,
              GpFlowLibrary *library,
              int            width)
{
  f->library = library;
  gp_flow_library_set_languages (f->library, test_languages);

  f->window = gp_window_new (app, f->library);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (f->window), width, 640);
  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->window), GP_TEST_WATCHDOG_MS));
}

static void
setup_bundled (Fixture       *f,
               gconstpointer  data)
{
  fixture_open (f, gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL), GPOINTER_TO_INT (data));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gp_test_destroy_and_wait (GTK_WIDGET (g_steal_pointer (&f->window)));
  g_assert_finalize_object (f->library);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static GpFlow *
flow_at (Fixture *f,
         guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (window_child (f, "flow_list"), index);

  return row != NULL ? gp_flow_row_get_flow (GP_FLOW_ROW (row)) : NULL;
}

static const char *
visible_page (Fixture *f)
{
  return gtk_stack_get_visible_child_name (window_child (f, "stack"));
}

static void
set_query (Fixture    *f,
           const char *query)
{
  gtk_editable_set_text (GTK_EDITABLE (window_child (f, "search_entry")), query);
}

typedef struct {
  Fixture    *f;
  const char *page;
  guint       n_rows;
  const char *first_id;
} Expect;

/* Searching happens after the entry's search delay: wait for what should come of it. */
static gboolean
shows_expected (gpointer user_data)
{
  Expect *e = user_data;
  GpFlow *first;

  if (e->page != NULL && g_strcmp0 (visible_page (e->f), e->page) != 0)
    return FALSE;
  if (e->n_rows > 0 && gp_test_count_rows (window_child (e->f, "flow_list")) != e->n_rows)
    return FALSE;
  if (e->first_id != NULL)
    {
      first = flow_at (e->f, 0);
      if (first == NULL || g_strcmp0 (gp_flow_get_id (first), e->first_id) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
wait_for (Fixture    *f,
          const char *page,
          guint       n_rows,
          const char *first_id)
{
  Expect e = { f, page, n_rows, first_id };

  if (!gp_test_wait_until (shows_expected, &e, GP_TEST_WATCHDOG_MS))
    {
      GpFlow *first = flow_at (f, 0);

      g_error ("Expected page %s, %u rows, first %s; got page %s, %u rows, first %s",
               page, n_rows, first_id, visible_page (f),
               gp_test_count_rows (window_child (f, "flow_list")),
               first != NULL ? gp_flow_get_id (first) : "(none)");
    }
}

/* Every visible label gets at least the size it asks for at its width: nothing clips.
 * A measured size includes the label's margins, border and padding, so it is compared
 * with the border box (its bounds) and the margins, not with the text's width. */
static void
assert_labels_fit_in (GtkWidget *widget)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    {
      graphene_rect_t bounds;
      int width, height, min_width, min_height;

      g_assert_true (gtk_widget_compute_bounds (widget, widget, &bounds));
      width = (int) bounds.size.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
      height = (int) bounds.size.height + gtk_widget_get_margin_top (widget) + gtk_widget_get_margin_bottom (widget);
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
      if (width < min_width || height < min_height ||
          pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        {
          g_autoptr(GString) ancestors = g_string_new (NULL);

          for (GtkWidget *parent = gtk_widget_get_parent (widget); parent != NULL; parent = gtk_widget_get_parent (parent))
            g_string_append_printf (ancestors, " in %s", G_OBJECT_TYPE_NAME (parent));
          g_error ("Label “%s”%s is clipped or ellipsized: %d×%d, needs %d×%d",
                   gtk_label_get_label (GTK_LABEL (widget)), ancestors->str, width, height, min_width, min_height);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_labels_fit_in (child);
}

static void
assert_labels_fit (GtkWidget *window)
{
  /* Sizes are what the last layout gave. */
  g_assert_true (gp_test_wait_for_draw (window, GP_TEST_WATCHDOG_MS));
  assert_labels_fit_in (window);
}

static void
test_library_lists_flows (Fixture       *f,
                          gconstpointer  data)
{
  GtkListBox *list = window_child (f, "flow_list");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->library)), ==, N_BUNDLED_FLOWS);
  g_assert_cmpuint (g_list_model_get_n_items (gp_flow_library_get_problems (f->library)), ==, 0);
  g_assert_cmpstr (visible_page (f), ==, "flows");
  g_assert_cmpuint (gp_test_count_rows (list), ==, N_BUNDLED_FLOWS);
  g_assert_false (gtk_widget_get_visible (window_child (f, "problems_list")));

  /* One row per flow, in the library's order, showing what the flow says. */
  for (guint i = 0; i < N_BUNDLED_FLOWS; i++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (G_LIST_MODEL (f->library), i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
      GtkLabel *estimate = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row), GP_TYPE_FLOW_ROW,
                                                                     "estimate_label"));
      GtkLabel *locale = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (row), GP_TYPE_FLOW_ROW,
                                                                   "locale_label"));

      g_assert_true (gp_flow_row_get_flow (GP_FLOW_ROW (row)) == flow);
      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, gp_flow_get_title (flow));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, gp_flow_get_service_name (flow));
      g_assert_cmpstr (gtk_label_get_label (locale), ==, "English (UK)");
      g_assert_true (g_str_has_prefix (gtk_label_get_label (estimate), "About "));
      g_assert_true (g_str_has_suffix (gtk_label_get_label (estimate), " minutes"));
    }

  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-library.png");
}

static gboolean
never (gpointer user_data)
{
  return FALSE;
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  GtkSearchEntry *entry = window_child (f, "search_entry");
  GtkWidget *first;

  set_query (f, "forgot password");
  wait_for (f, "flows", 0, BANK_FLOW_ID);
  g_assert_cmpuint (gp_test_count_rows (window_child (f, "flow_list")), <, N_BUNDLED_FLOWS);
  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-search.png");

  /* Enter takes the keyboard from the query to the best match. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) ==
                 GTK_WIDGET (gtk_list_box_get_row_at_index (window_child (f, "flow_list"), 0)));

  /* Escape in the entry brings the whole library back. */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  wait_for (f, "flows", N_BUNDLED_FLOWS, NULL);

  /* Enter straight after typing searches at once, and the late search-changed that
   * follows leaves the focused result alone. */
  set_query (f, "parking permit");
  g_signal_emit_by_name (entry, "activate");
  first = GTK_WIDGET (gtk_list_box_get_row_at_index (window_child (f, "flow_list"), 0));
  g_assert_cmpstr (gp_flow_get_id (flow_at (f, 0)), ==, "renew-parking-permit");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == first);
  g_assert_false (gp_test_wait_until (never, NULL, 2 * gtk_search_entry_get_search_delay (entry) + 100));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == first);
  g_assert_true (GTK_WIDGET (gtk_list_box_get_row_at_index (window_child (f, "flow_list"), 0)) == first);
}

static void
test_no_match (Fixture       *f,
               gconstpointer  data)
{
  /* The query is shown as typed, never read as markup. */
  const char *query = "xyzzy <b>plugh</b> & qwv";
  AdwStatusPage *page = window_child (f, "no_match_page");
  g_autofree char *long_query = NULL;

  set_query (f, query);
  wait_for (f, "no-match", 0, NULL);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No flows match “xyzzy <b>plugh</b> & qwv”");
  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-no-match.png");

  /* A very long query is shortened in the title. */
  long_query = g_strnfill (200, 'q');
  set_query (f, long_query);
  wait_for (f, "no-match", 0, NULL);
  g_assert_true (g_str_has_suffix (adw_status_page_get_title (page), "…”"));
  g_assert_cmpint (g_utf8_strlen (adw_status_page_get_title (page), -1), <, 80);

  set_query (f, "");
  wait_for (f, "flows", N_BUNDLED_FLOWS, NULL);
}

/* The window surface, frame included, is @width wide and could be no narrower. */
static void
assert_window_width (Fixture *f,
                     int      width)
{
  int min_width;

  gtk_widget_measure (GTK_WIDGET (f->window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, width);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (f->window))), ==, width);
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  assert_window_width (f, NARROW_WIDTH);
  g_assert_cmpuint (gp_test_count_rows (window_child (f, "flow_list")), ==, N_BUNDLED_FLOWS);

  assert_labels_fit (GTK_WIDGET (f->window));
  /* Folded, the session pane's placeholder is never seen, so it is not laid out. */
  g_assert_true (adw_leaflet_get_folded (window_child (f, "leaflet")));
  g_assert_false (gtk_widget_get_visible (window_child (f, "session_placeholder")));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-narrow-360.png");

  set_query (f, "xyzzy plugh");
  wait_for (f, "no-match", 0, NULL);
  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-no-match-360.png");
}

/* Wide enough, the session pane stands beside the library and says what to do. */
static void
test_wide (Fixture       *f,
           gconstpointer  data)
{
  assert_window_width (f, WIDE_WIDTH);
  g_assert_false (adw_leaflet_get_folded (window_child (f, "leaflet")));
  g_assert_true (gtk_widget_get_visible (window_child (f, "session_placeholder")));
  g_assert_true (gtk_widget_get_mapped (window_child (f, "session_placeholder")));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-wide.png");
  assert_labels_fit (GTK_WIDGET (f->window));
}

static void
setup_dark (Fixture       *f,
            gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  write_user_file ("broken.en-GB.json", "{ \"format\": \"guidepost-flow/1\", ");
  fixture_open (f, new_library_with_user_dir (), 0);
}

static void
test_dark (Fixture       *f,
           gconstpointer  data)
{
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_assert_cmpuint (gp_test_count_rows (window_child (f, "flow_list")), ==, N_BUNDLED_FLOWS);
  gp_test_save_png (GTK_WIDGET (f->window), "ui-dark.png");
}

static void
setup_problems (Fixture       *f,
                gconstpointer  data)
{
  write_user_file ("broken.en-GB.json", "{ \"format\": \"guidepost-flow/1\", ");
  write_user_file ("half-done.en-GB.json", "{ \"format\": \"guidepost-flow/1\", \"id\": \"Not A Slug\" }");
  fixture_open (f, new_library_with_user_dir (),
                GPOINTER_TO_INT (data));
}

static void
test_problems (Fixture       *f,
               gconstpointer  data)
{
  GtkListBox *problems_list = window_child (f, "problems_list");
  AdwExpanderRow *row;

  /* Broken files never hide the good flows. */
  g_assert_cmpuint (g_list_model_get_n_items (gp_flow_library_get_problems (f->library)), >=, 2);
  g_assert_cmpstr (visible_page (f), ==, "flows");
  g_assert_cmpuint (gp_test_count_rows (window_child (f, "flow_list")), ==, N_BUNDLED_FLOWS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems_list)));

  row = ADW_EXPANDER_ROW (gtk_list_box_get_row_at_index (problems_list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "2 flow files could not be read");
  adw_expander_row_set_expanded (row, TRUE);

  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), GPOINTER_TO_INT (data) > 0 ? "ui-problems-360.png" : "ui-problems.png");

  /* Copy Details puts every problem on the clipboard, one per line. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.copy-problems", NULL));
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
    GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
    g_auto(GValue) value = G_VALUE_INIT;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (content);
    g_value_init (&value, G_TYPE_STRING);
    gdk_content_provider_get_value (content, &value, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (g_value_get_string (&value), "broken.en-GB.json"));
    g_assert_nonnull (strstr (g_value_get_string (&value), "half-done.en-GB.json"));
  }

  /* A search shows only what matches. */
  set_query (f, "forgot password");
  wait_for (f, "flows", 0, BANK_FLOW_ID);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problems_list)));
  set_query (f, "");
  wait_for (f, "flows", N_BUNDLED_FLOWS, NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems_list)));

  /* Fixing the files makes the problems go. */
  {
    g_autoptr(GFile) dir = user_flows_dir ();
    g_autoptr(GFile) broken = g_file_get_child (dir, "broken.en-GB.json");
    g_autoptr(GFile) half_done = g_file_get_child (dir, "half-done.en-GB.json");

    g_assert_true (g_file_delete (broken, NULL, NULL));
    g_assert_true (g_file_delete (half_done, NULL, NULL));
    gp_flow_library_reload (f->library);
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problems_list)));
  }
}

static void
setup_user_dir (Fixture       *f,
                gconstpointer  data)
{
  fixture_open (f, new_library_with_user_dir (), 0);
}

static void
setup_long_texts (Fixture       *f,
                  gconstpointer  data)
{
  write_flow_variant ("redirect-parcel", "long-texts",
                      "Tell the courier to deliver the parcel to a neighbour, a safe place or a "
                      "parcel locker instead, when you will not be at home on the delivery day",
                      "Swiftline Parcels – Delivery preferences, redirections and collection points "
                      "(Supercalifragilisticexpialidocious Deliveries Limited)",
                      135);
  fixture_open (f, new_library_with_user_dir (),
                GPOINTER_TO_INT (data));
}

static void
test_long_texts (Fixture       *f,
                 gconstpointer  data)
{
  GtkListBox *list = window_child (f, "flow_list");
  GtkWidget *row = NULL;

  g_assert_cmpuint (gp_test_count_rows (list), ==, N_BUNDLED_FLOWS + 1);
  for (guint i = 0; i < N_BUNDLED_FLOWS + 1; i++)
    if (g_str_equal (gp_flow_get_id (flow_at (f, i)), "long-texts"))
      row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (row, GP_TYPE_FLOW_ROW,
                                                                                  "estimate_label"))),
                   ==, "About 2 hours");

  assert_window_width (f, NARROW_WIDTH);
  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-long-text-360.png");
}

static void
test_library_changes (Fixture       *f,
                      gconstpointer  data)
{
  gboolean found = FALSE;

  set_query (f, "forgot password");
  wait_for (f, "flows", 0, BANK_FLOW_ID);

  /* A flow added while searching shows up in the results. */
  write_flow_variant (BANK_FLOW_ID, "regain-online-banking-copy", "Forgot password (copy)", NULL, 0);
  gp_flow_library_reload (f->library);
  g_assert_nonnull (gp_flow_library_lookup (f->library, "regain-online-banking-copy"));
  for (guint i = 0; flow_at (f, i) != NULL; i++)
    found |= g_str_equal (gp_flow_get_id (flow_at (f, i)), "regain-online-banking-copy");
  g_assert_true (found);

  set_query (f, "");
  wait_for (f, "flows", N_BUNDLED_FLOWS + 1, NULL);
}

static void
setup_empty (Fixture       *f,
             gconstpointer  data)
{
  fixture_open (f, gp_flow_library_new_for_sources (NULL, NULL), 0);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpstr (visible_page (f), ==, "empty");
  assert_labels_fit (GTK_WIDGET (f->window));
  gp_test_save_png (GTK_WIDGET (f->window), "ui-empty.png");

  /* Searching an empty library says there is no match, not that it is empty. */
  set_query (f, "renew");
  wait_for (f, "no-match", 0, NULL);
}

static gboolean
about_window_shown (gpointer user_data)
{
  GtkWidget **about = user_data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_ABOUT_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        *about = GTK_WIDGET (window);
    }
  return *about != NULL;
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *entry = window_child (f, "search_entry");
  GtkWidget *about = NULL;
  GtkWidget *shortcuts;
  GtkWidget *focus;

  /* The search entry starts with the keyboard, and win.search brings it back. */
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (window_child (f, "flow_list"), 0)));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_false (focus == entry || gtk_widget_is_ancestor (focus, entry));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (focus != NULL && (focus == entry || gtk_widget_is_ancestor (focus, entry)));

  /* Keyboard shortcuts window and About window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  /* Built on first use, then kept. */
  shortcuts = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));
  g_assert_nonnull (shortcuts);
  g_assert_true (gtk_widget_get_visible (shortcuts));
  gp_test_save_png (shortcuts, "ui-shortcuts.png");
  gtk_widget_set_visible (shortcuts, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "app.about", NULL));
  g_assert_true (gp_test_wait_until (about_window_shown, &about, GP_TEST_WATCHDOG_MS));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (f->window));
  gp_test_save_png (about, "ui-about.png");

  gp_test_destroy_and_wait (about);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = GTK_APPLICATION (gp_test_application_new ("io.guidepost.Guidepost.UiTest"));

  g_test_add ("/guidepost/ui/library-window/lists-flows", Fixture, NULL,
              setup_bundled, test_library_lists_flows, teardown);
  g_test_add ("/guidepost/ui/library-window/search", Fixture, NULL,
              setup_bundled, test_search, teardown);
  g_test_add ("/guidepost/ui/library-window/no-match", Fixture, NULL,
              setup_bundled, test_no_match, teardown);
  g_test_add ("/guidepost/ui/library-window/narrow", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup_bundled, test_narrow, teardown);
  g_test_add ("/guidepost/ui/library-window/wide", Fixture, GINT_TO_POINTER (WIDE_WIDTH),
              setup_bundled, test_wide, teardown);
  g_test_add ("/guidepost/ui/library-window/dark", Fixture, NULL,
              setup_dark, test_dark, teardown);
  g_test_add ("/guidepost/ui/library-window/problems", Fixture, NULL,
              setup_problems, test_problems, teardown);
  g_test_add ("/guidepost/ui/library-window/problems-narrow", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup_problems, test_problems, teardown);
  g_test_add ("/guidepost/ui/library-window/long-texts", Fixture, GINT_TO_POINTER (NARROW_WIDTH),
              setup_long_texts, test_long_texts, teardown);
  g_test_add ("/guidepost/ui/library-window/library-changes", Fixture, NULL,
              setup_user_dir, test_library_changes, teardown);
  g_test_add ("/guidepost/ui/library-window/empty", Fixture, NULL,
              setup_empty, test_empty, teardown);
  g_test_add ("/guidepost/ui/library-window/actions", Fixture, NULL,
              setup_bundled, test_actions, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
