/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "gp-text-card.h"

GtkWidget *
gp_text_card_new (const char   *accessible_label,
                  GtkTextView **text_view)
{
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextView *view = GTK_TEXT_VIEW (gtk_text_view_new ());

  g_return_val_if_fail (accessible_label != NULL, NULL);
  g_return_val_if_fail (text_view != NULL, NULL);

  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  /* Tab moves on to the next control, as in any other field of a dialog. */
  gtk_text_view_set_accepts_tab (view, FALSE);
  gtk_text_view_set_top_margin (view, 8);
  gtk_text_view_set_bottom_margin (view, 8);
  gtk_text_view_set_left_margin (view, 8);
  gtk_text_view_set_right_margin (view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 96);
  gtk_widget_add_css_class (scroller, "card");

  *text_view = view;
  return scroller;
}

char *
gp_text_view_dup_stripped_text (GtkTextView *text_view)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (GTK_IS_TEXT_VIEW (text_view), NULL);

  buffer = gtk_text_view_get_buffer (text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

void
gp_text_view_set_text (GtkTextView *text_view,
                       const char  *text)
{
  g_return_if_fail (GTK_IS_TEXT_VIEW (text_view));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), text != NULL ? text : "", -1);
}
