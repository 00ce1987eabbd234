/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>

#include "gp-priority-row.h"

GtkWidget *
gp_priority_row_new (void)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) priorities = gtk_string_list_new (NULL);

  /* In the order of GpPriority: the selected position is the priority. */
  gtk_string_list_append (priorities, _("Low"));
  gtk_string_list_append (priorities, _("Normal"));
  gtk_string_list_append (priorities, _("High"));
  gtk_string_list_append (priorities, _("Urgent"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Priority"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (priorities));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), GP_PRIORITY_NORMAL);
  return row;
}

GpPriority
gp_priority_row_get_priority (AdwComboRow *row)
{
  guint selected;

  g_return_val_if_fail (ADW_IS_COMBO_ROW (row), GP_PRIORITY_NORMAL);

  selected = adw_combo_row_get_selected (row);
  return selected <= GP_PRIORITY_URGENT ? (GpPriority) selected : GP_PRIORITY_NORMAL;
}
