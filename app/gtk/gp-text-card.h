/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Free text of a few lines (a complaint, the reason for an escalation): a text view that
 * wraps, in a card that scrolls once the text is longer than a few lines.
 *
 * Returns: (transfer floating): the card; @text_view is set to the view in it, named
 * @accessible_label for assistive technology. */
GtkWidget *gp_text_card_new                  (const char   *accessible_label,
                                              GtkTextView **text_view);
/* Returns: (transfer full): the whole text, without blank space before or after it. */
char      *gp_text_view_dup_stripped_text    (GtkTextView  *text_view);
void       gp_text_view_set_text             (GtkTextView  *text_view,
                                              const char   *text);

G_END_DECLS
