/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Points *@object_ptr at @object (nullable; a reference is taken), after disconnecting
 * every handler @watcher has on the object it pointed at.
 * Returns: FALSE when it already pointed at @object */
gboolean gp_set_watched_object  (gpointer    object_ptr,
                                 gpointer    object,
                                 gpointer    watcher);
/* Empties @list (GTK 4.8 has no gtk_list_box_remove_all). */
void     gp_list_box_remove_all (GtkListBox *list);
/* A message on @parent, with a Close button, for what went wrong. */
void     gp_show_message        (GtkWindow  *parent,
                                 const char *heading,
                                 const char *body);

G_END_DECLS
