/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by gp-window.c (the object, state, actions), gp-window-library.c (the flow
 * library page: rows, search, problems) and gp-window-sessions.c (sessions: starting,
 * resuming, hand-off, the Continue and Recent lists). */

#include <adwaita.h>
#include <guidepost/guidepost.h>

#include "gp-session-view.h"
#include "gp-window.h"

G_BEGIN_DECLS

/* Rows made with the list: a few, to measure.  Each layout adds the rows the viewport
 * would otherwise show missing (at most FILL_PASSES_PER_FRAME times a frame, since GDK
 * gives up after four layout passes); the rest follow in idle batches so that a large
 * library does not delay the window. */
#define FIRST_FLOW_ROWS 3
#define FILL_PASSES_PER_FRAME 2
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
  /* The frame whose layout last added rows, and how many times it did. */
  gint64                fill_frame;
  guint                 fill_passes;
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
  GtkWidget            *join_group;
  AdwActionRow         *rejoin_row;
  /* Made from the place kept when Guidepost stopped while following an agent's session. */
  GpCobrowsePeer       *rejoin_peer;
  GtkWidget            *library_page;
  GtkWidget            *session_page;
  AdwWindowTitle       *session_title;
  GtkWidget            *back_button;
  AdwBin               *session_bin;
  GtkWidget            *handoff_group;
  AdwEntryRow          *handoff_row;
  GtkLabel             *handoff_error_label;
  /* While "Choose File…" is open. */
  GtkFileChooserNative *handoff_chooser;
  GtkWidget            *continue_group;
  GtkListBox           *continue_list;
  GtkWidget            *recent_group;
  GtkListBox           *recent_list;
  GtkWidget            *flows_heading;
};

/* gp-window-library.c: the flow library page */
void  gp_window_library_class_init        (GtkWidgetClass *widget_class);
char *gp_window_get_query                 (GpWindow       *self);
void  gp_window_update_page               (GpWindow       *self);
void  gp_window_update_model              (GpWindow       *self);
void  gp_window_update_problems           (GpWindow       *self);
void  gp_window_on_library_items_changed  (GpWindow       *self,
                                           guint           position,
                                           guint           removed,
                                           guint           added,
                                           GListModel     *library);
void  gp_window_on_problems_items_changed (GpWindow       *self,
                                           guint           position,
                                           guint           removed,
                                           guint           added,
                                           GListModel     *problems);

/* gp-window-sessions.c: starting, resuming and handing off sessions */
void  gp_window_sessions_class_init       (GtkWidgetClass *widget_class);
void  gp_window_remember_mode             (GpWindow       *self);
void  gp_window_sync_leaflet              (GpWindow       *self);

/* gp-window-sessions.c: where a followed session's place is kept, and the row that
 * offers to come back to it. */
char *gp_window_peer_state_path (void);
void  gp_window_refresh_rejoin  (GpWindow *self);

G_END_DECLS
