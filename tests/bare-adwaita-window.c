/* SPDX-License-Identifier: GPL-3.0-or-later */
/* References for the start-up benchmark: what libadwaita costs before Guidepost adds
 * anything.  `bare-adwaita-window` is an AdwApplication with one window, a header bar
 * and a label; `bare-adwaita-window --rows N` shows instead a search entry and a boxed
 * list of N action rows (title, subtitle and a suffix label, as the flow library's
 * rows have), in a clamp in a scrolled window.  With GUIDEPOST_EXIT_AFTER_FIRST_FRAME=1
 * it reports its first frame and quits, exactly as guidepost and bare-window do. */
#include <stdlib.h>

#include <adwaita.h>

#include "gp-first-frame.h"

static guint n_rows;

static GtkWidget *
new_list (void)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), "Flows");
  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("Generated flow number %u", i);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), "Larkfield Bank – Online Banking");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_label_new ("About 8 minutes"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_widget_set_margin_top (group, 24);
  gtk_widget_set_margin_bottom (group, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), group);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_widget_set_vexpand (scroller, TRUE);
  return scroller;
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_window_set_title (GTK_WINDOW (window), "Bare Adwaita window");
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 720);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  if (n_rows == 0)
    {
      gtk_box_append (GTK_BOX (box), gtk_label_new ("Hello"));
    }
  else
    {
      gtk_box_append (GTK_BOX (box), gtk_search_entry_new ());
      gtk_box_append (GTK_BOX (box), new_list ());
    }
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gp_first_frame_quit_after (GTK_WINDOW (window), G_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.guidepost.BareAdwaitaWindow",
                                                       G_APPLICATION_DEFAULT_FLAGS);

  if (argc == 3 && g_str_equal (argv[1], "--rows"))
    n_rows = (guint) strtoul (argv[2], NULL, 10);
  else if (argc != 1)
    {
      g_printerr ("Usage: %s [--rows N]\n", argv[0]);
      return 2;
    }

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
