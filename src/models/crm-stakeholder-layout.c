/* crm-stakeholder-layout.c
 *
 * Copyright 2026 The Rapport developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layered layout of the reporting graph in O(n log n + e):
 *
 *  1. Reports-to edges between nodes of the map, each manager list sorted by
 *     node order.  A depth-first walk in node order drops the edges that
 *     close a cycle, so the same data always breaks a cycle in the same place.
 *  2. A node's layer is one below its lowest manager (0 without managers).
 *     Three or more reports of one manager who have no reports and hang
 *     under that manager (the first of their lowest managers, when they
 *     have several) form a column under them instead of spreading the
 *     row (a layer is as tall as its tallest column); in a small map, six
 *     or more.  Where a row is still wide, a manager whose reports are all
 *     such columns' managers or leaves gets one column of them, each
 *     manager's reports indented under them.  People without any
 *     reports-to line share the rows below the chart.
 *  3. Within a layer, departments side by side in one order for every layer;
 *     within a department, nodes ordered by the mean x of their managers
 *     (downward sweeps) or of their reports (upward sweeps), node order
 *     breaking ties.
 *  4. After each sweep, x is the closest fit to the wanted positions that
 *     keeps the order and the gaps: an isotonic regression (pool adjacent
 *     violators), linear in the row.
 *  5. With keep_placed, nodes placed by hand are put back at their place and
 *     the others of each row shift right past them.
 */

#define G_LOG_DOMAIN "CrmStakeholderLayout"

#include "config.h"

#include <math.h>
#include <string.h>

#include "crm-stakeholder-layout.h"

#define N_ROUNDS 2   /* down and up sweeps before the final downward one */
#define STACK_MIN 3  /* leaf reports of one manager that make a column */
#define STACK_MIN_SMALL 6  /* the same in a small map, which has room to spread */
#define SMALL_MAP 12
#define WIDE_ROW 8       /* entries of a row past which columns nest */
#define NEST_MAX 14      /* nodes of a nested column before the next one starts, */
                         /* or twice the mean column when that is more */

typedef struct
{
  CrmStakeholderMap      *map;
  const CrmLayoutMetrics *m;
  guint                   n;
  /* Per node. */
  GArray                 *managers;    /* of GArray of guint (node indices); after cycles are dropped */
  GArray                 *reports;     /* of GArray of guint */
  guint                  *layer;
  guint                  *dept;        /* department rank */
  guint                  *head;        /* the first node of its column, or itself */
  guint                  *stack_pos;   /* place in its column, 0 for the first */
  guint                  *stack_len;   /* nodes in the column it heads, else 1 */
  double                 *indent;      /* x of a column's node from its first one */
  double                 *extra;       /* how much wider than a node the column it heads is */
  gboolean               *lined;       /* has a reports-to line */
  double                 *x;
  double                 *key;         /* sort key of the current sweep */
  /* Per layer of the chart: GArray of guint. */
  GPtrArray              *rows;
} Layout;

void
crm_stakeholder_layout_metrics_init (CrmLayoutMetrics *metrics)
{
  g_return_if_fail (metrics != NULL);

  metrics->node_width = 248;
  metrics->node_height = 84;
  metrics->h_gap = 24;
  metrics->v_gap = 72;
  metrics->group_gap = 56;
}

static GArray *
index_array (GArray *arrays,
             guint   i)
{
  return g_array_index (arrays, GArray *, i);
}

static void
free_index_array (gpointer data)
{
  g_array_unref (*(GArray **) data);
}

static GArray *
new_arrays (guint n)
{
  GArray *arrays = g_array_sized_new (FALSE, FALSE, sizeof (GArray *), n);

  g_array_set_clear_func (arrays, free_index_array);
  for (guint i = 0; i < n; i++)
    {
      GArray *a = g_array_new (FALSE, FALSE, sizeof (guint));

      g_array_append_val (arrays, a);
    }
  return arrays;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Departments in node order of first appearance, "" last. */
static void
rank_departments (Layout *l)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new (g_str_hash, g_str_equal);
  guint next = 0;

  for (guint i = 0; i < l->n; i++)
    {
      const char *d = crm_stakeholder_map_get_node (l->map, i)->department;
      gpointer rank;

      if (d == NULL || d[0] == '\0')
        l->dept[i] = G_MAXUINT;
      else if (g_hash_table_lookup_extended (ranks, d, NULL, &rank))
        l->dept[i] = GPOINTER_TO_UINT (rank);
      else
        {
          g_hash_table_insert (ranks, (gpointer) d, GUINT_TO_POINTER (next));
          l->dept[i] = next++;
        }
    }
}

static void
collect_managers (Layout *l)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint n_edges = crm_stakeholder_map_get_n_edges (l->map);

  for (guint i = 0; i < l->n; i++)
    g_hash_table_insert (index, (gpointer) &crm_stakeholder_map_get_node (l->map, i)->person_id,
                         GUINT_TO_POINTER (i + 1));

  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (l->map, e);
      guint from, to;

      if (edge->kind != CRM_MAP_EDGE_REPORTS_TO)
        continue;
      from = GPOINTER_TO_UINT (g_hash_table_lookup (index, &edge->from));
      to = GPOINTER_TO_UINT (g_hash_table_lookup (index, &edge->to));
      if (from == 0 || to == 0 || from == to)
        continue;
      from--, to--;
      l->lined[from] = l->lined[to] = TRUE;
      g_array_append_val (index_array (l->managers, from), to);
    }

  /* Sorted and without duplicates, so that edge order does not matter. */
  for (guint i = 0; i < l->n; i++)
    {
      GArray *a = index_array (l->managers, i);
      guint k = 0;

      g_array_sort (a, compare_uint);
      for (guint j = 0; j < a->len; j++)
        if (k == 0 || g_array_index (a, guint, k - 1) != g_array_index (a, guint, j))
          g_array_index (a, guint, k++) = g_array_index (a, guint, j);
      g_array_set_size (a, k);
    }
}

enum { WHITE, GREY, BLACK };

/* Depth-first along managers, iteratively (a long chain must not exhaust
 * the stack).  An edge to a node still on the path closes a cycle and is
 * dropped; the layer of a node is known once all its managers are done. */
static void
assign_layers (Layout *l)
{
  g_autofree guint8 *colour = g_new0 (guint8, l->n);
  g_autofree guint *stack = g_new (guint, l->n);
  g_autofree guint *next = g_new0 (guint, l->n);

  for (guint root = 0; root < l->n; root++)
    {
      guint depth = 0;

      if (colour[root] != WHITE)
        continue;
      stack[depth++] = root;
      colour[root] = GREY;
      while (depth > 0)
        {
          guint v = stack[depth - 1];
          GArray *a = index_array (l->managers, v);

          if (next[v] < a->len)
            {
              guint w = g_array_index (a, guint, next[v]);

              if (colour[w] == GREY)
                g_array_remove_index (a, next[v]);   /* closes a cycle */
              else
                {
                  next[v]++;
                  if (colour[w] == WHITE)
                    {
                      colour[w] = GREY;
                      stack[depth++] = w;
                    }
                }
              continue;
            }
          l->layer[v] = 0;
          for (guint j = 0; j < a->len; j++)
            l->layer[v] = MAX (l->layer[v], l->layer[g_array_index (a, guint, j)] + 1);
          colour[v] = BLACK;
          depth--;
        }
    }

  for (guint i = 0; i < l->n; i++)
    {
      GArray *a = index_array (l->managers, i);

      for (guint j = 0; j < a->len; j++)
        g_array_append_val (index_array (l->reports, g_array_index (a, guint, j)), i);
    }
}

static int
compare_dept_index (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  Layout *l = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (l->dept[i] != l->dept[j])
    return l->dept[i] < l->dept[j] ? -1 : 1;
  return (i > j) - (i < j);
}

/* The manager a node hangs under: the first (in node order) of its lowest
 * managers; -1 without managers. */
static int
primary_manager (Layout *l,
                 guint   i)
{
  GArray *a = index_array (l->managers, i);

  for (guint k = 0; k < a->len; k++)
    if (l->layer[g_array_index (a, guint, k)] + 1 == l->layer[i])
      return (int) g_array_index (a, guint, k);
  return -1;
}

/* A report of @m without reports, hanging under @m. */
static gboolean
is_leaf_of (Layout *l,
            guint   i,
            guint   m)
{
  return index_array (l->reports, i)->len == 0 && primary_manager (l, i) == (int) m;
}

/* Columns of leaf reports: per manager, the reports with no reports of
 * their own that hang under them (a second manager's line goes to the
 * column). */
static void
find_stacks (Layout *l)
{
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < l->n; i++)
    {
      l->head[i] = i;
      l->stack_len[i] = 1;
    }
  for (guint m = 0; m < l->n; m++)
    {
      GArray *reports = index_array (l->reports, m);

      g_array_set_size (leaves, 0);
      for (guint k = 0; k < reports->len; k++)
        {
          guint i = g_array_index (reports, guint, k);

          if (is_leaf_of (l, i, m))
            g_array_append_val (leaves, i);
        }
      if (leaves->len < (l->n <= SMALL_MAP ? STACK_MIN_SMALL : STACK_MIN))
        continue;
      g_array_sort_with_data (leaves, compare_dept_index, l);
      for (guint k = 0; k < leaves->len; k++)
        {
          guint i = g_array_index (leaves, guint, k);

          l->head[i] = g_array_index (leaves, guint, 0);
          l->stack_pos[i] = k;
        }
      l->stack_len[g_array_index (leaves, guint, 0)] = leaves->len;
    }
}

/* A manager under @m whose reports have no reports. */
static gboolean
is_small_manager_of (Layout *l,
                     guint   i,
                     guint   m)
{
  GArray *reports = index_array (l->reports, i);

  if (primary_manager (l, i) != (int) m || reports->len == 0)
    return FALSE;
  for (guint k = 0; k < reports->len; k++)
    if (index_array (l->reports, g_array_index (reports, guint, k))->len > 0)
      return FALSE;
  return TRUE;
}

static void
sorted_reports (Layout *l,
                guint   m,
                GArray *out)
{
  GArray *reports = index_array (l->reports, m);

  g_array_set_size (out, 0);
  g_array_append_vals (out, reports->data, reports->len);
  g_array_sort_with_data (out, compare_dept_index, l);
}

/* Where a row has more than WIDE_ROW entries, every manager above it whose
 * reports (two or more) are all leaves or small managers gets one column:
 * each report, and under a small manager its own reports, indented.  (All
 * of them, not just enough to narrow the row: one tall column would push
 * the next layer down for every other manager.) */
static void
nest_stacks (Layout *l,
             guint   n_layers)
{
  g_autofree guint *entries = g_new0 (guint, n_layers + 1);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) leaves = g_array_new (FALSE, FALSE, sizeof (guint));

  g_autofree gboolean *nests = g_new0 (gboolean, l->n);
  guint n_nested = 0, n_columns = 0, limit;

  for (guint i = 0; i < l->n; i++)
    if (l->lined[i] && l->stack_pos[i] == 0)
      entries[l->layer[i]]++;

  /* Which managers get a column, and how long columns are on average. */
  for (guint m = 0; m < l->n; m++)
    {
      gboolean any_small = FALSE, all = TRUE;

      /* The reports hanging under @m; those of another manager stay there. */
      sorted_reports (l, m, members);
      for (guint k = members->len; k-- > 0;)
        if (primary_manager (l, g_array_index (members, guint, k)) != (int) m)
          g_array_remove_index (members, k);
      if (members->len == 0 || entries[l->layer[m] + 1] <= WIDE_ROW || l->stack_pos[m] > 0)
        continue;
      for (guint k = 0; k < members->len && all; k++)
        {
          guint c = g_array_index (members, guint, k);
          gboolean small = l->stack_pos[c] == 0 && is_small_manager_of (l, c, m);

          all = small || is_leaf_of (l, c, m);
          any_small |= small;
        }
      if (!all || !any_small)
        continue;
      nests[m] = TRUE;
      n_columns++;
      for (guint k = 0; k < members->len; k++)
        n_nested += 1 + index_array (l->reports, g_array_index (members, guint, k))->len;
    }
  if (n_columns == 0)
    return;
  limit = MAX (NEST_MAX, 2 * n_nested / n_columns);

  for (guint m = 0; m < l->n; m++)
    {
      guint pos = 0, head;

      if (!nests[m])
        continue;
      sorted_reports (l, m, members);
      for (guint k = members->len; k-- > 0;)
        if (primary_manager (l, g_array_index (members, guint, k)) != (int) m)
          g_array_remove_index (members, k);

      head = g_array_index (members, guint, 0);
      for (guint k = 0; k < members->len; k++)
        {
          guint c = g_array_index (members, guint, k), size = 1;

          sorted_reports (l, c, leaves);
          for (guint j = leaves->len; j-- > 0;)
            if (primary_manager (l, g_array_index (leaves, guint, j)) != (int) c)
              g_array_remove_index (leaves, j);   /* in another manager's column */
            else
              size++;
          /* A long column goes on in another beside it, a manager always
           * with their reports. */
          if (pos > 0 && pos + size > limit)
            {
              l->stack_len[head] = pos;
              l->extra[head] = l->m->node_width / 6;
              head = c, pos = 0;
            }
          l->head[c] = head, l->stack_pos[c] = pos++, l->indent[c] = 0, l->stack_len[c] = 1;
          for (guint j = 0; j < leaves->len; j++)
            {
              guint i = g_array_index (leaves, guint, j);

              l->head[i] = head, l->stack_pos[i] = pos++, l->stack_len[i] = 1;
              l->indent[i] = l->m->node_width / 6;
            }
        }
      l->stack_len[head] = pos;
      l->extra[head] = l->m->node_width / 6;
    }
}

/* A column follows its first node. */
static void
sync_stacks (Layout *l)
{
  for (guint i = 0; i < l->n; i++)
    if (l->stack_pos[i] > 0 || l->head[i] != i)
      l->x[i] = l->x[l->head[i]] + l->indent[i];
}

static int
compare_in_row (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  Layout *l = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (l->dept[i] != l->dept[j])
    return l->dept[i] < l->dept[j] ? -1 : 1;
  if (l->key[i] != l->key[j])
    return l->key[i] < l->key[j] ? -1 : 1;
  return (i > j) - (i < j);
}

static double
gap_after (Layout *l,
           guint   i,
           guint   j)
{
  return l->m->node_width + l->extra[i] +
         (l->dept[i] == l->dept[j] ? l->m->h_gap : l->m->group_gap);
}

/* x of @row as close as possible (least squares) to l->key, in row order and
 * at least the gaps apart: with offsets o (the packed positions), y = x - o
 * must not decrease, and the best such y is the pool-adjacent-violators fit
 * of key - o. */
static void
fit_row (Layout *l,
         GArray *row)
{
  guint n = row->len, n_blocks = 0;
  g_autofree double *offset = g_new (double, n);
  g_autofree double *sum = g_new (double, n);
  g_autofree guint *count = g_new (guint, n);

  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (row, guint, k);

      offset[k] = k == 0 ? 0 : offset[k - 1] + gap_after (l, g_array_index (row, guint, k - 1), i);
      sum[n_blocks] = l->key[i] - offset[k];
      count[n_blocks] = 1;
      n_blocks++;
      while (n_blocks > 1 &&
             sum[n_blocks - 2] / count[n_blocks - 2] > sum[n_blocks - 1] / count[n_blocks - 1])
        {
          sum[n_blocks - 2] += sum[n_blocks - 1];
          count[n_blocks - 2] += count[n_blocks - 1];
          n_blocks--;
        }
    }

  for (guint b = 0, k = 0; b < n_blocks; b++)
    for (guint c = 0; c < count[b]; c++, k++)
      l->x[g_array_index (row, guint, k)] = sum[b] / count[b] + offset[k];
}

/* Wanted x of node @i: the mean x of @towards (its managers or reports), or
 * where it is when it has none. */
static double
mean_x (Layout *l,
        guint   i,
        GArray *towards)
{
  GArray *a = index_array (towards, i);
  double total = 0;

  if (a->len == 0)
    return l->x[i];
  for (guint j = 0; j < a->len; j++)
    total += l->x[g_array_index (a, guint, j)];
  return total / a->len;
}

static void
sweep_row (Layout *l,
           GArray *row,
           GArray *towards)
{
  for (guint k = 0; k < row->len; k++)
    {
      guint i = g_array_index (row, guint, k);

      l->key[i] = mean_x (l, i, towards);
    }
  g_array_sort_with_data (row, compare_in_row, l);
  fit_row (l, row);
  sync_stacks (l);
}

static void
place_chart (Layout *l)
{
  guint n_rows = l->rows->len;

  /* A first guess: every row packed in department and node order. */
  for (guint r = 0; r < n_rows; r++)
    {
      GArray *row = l->rows->pdata[r];

      for (guint k = 0; k < row->len; k++)
        l->key[g_array_index (row, guint, k)] = 0;
      g_array_sort_with_data (row, compare_in_row, l);
      fit_row (l, row);
    }
  sync_stacks (l);

  for (guint round = 0; round <= N_ROUNDS; round++)
    {
      for (guint r = 1; r < n_rows; r++)
        sweep_row (l, l->rows->pdata[r], l->managers);
      if (round == N_ROUNDS)
        break;
      for (guint r = n_rows; r-- > 0;)
        sweep_row (l, l->rows->pdata[r], l->reports);
    }
}

/* The rows below the chart: people without any reports-to line, in
 * department and node order, @per_row to a row (unlined_per_row()). */
static guint
place_unlined (Layout *l,
               guint   first_layer,
               double  centre,
               guint   per_row)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  guint layer = first_layer;

  for (guint i = 0; i < l->n; i++)
    if (!l->lined[i])
      {
        l->key[i] = 0;
        g_array_append_val (all, i);
      }
  g_array_sort_with_data (all, compare_in_row, l);

  for (guint start = 0; start < all->len; start += per_row, layer++)
    {
      guint end = MIN (all->len, start + per_row);
      double width = 0, left;

      for (guint k = start + 1; k < end; k++)
        width += gap_after (l, g_array_index (all, guint, k - 1), g_array_index (all, guint, k));
      left = centre - width / 2;
      for (guint k = start; k < end; k++)
        {
          guint i = g_array_index (all, guint, k);

          if (k > start)
            left += gap_after (l, g_array_index (all, guint, k - 1), i);
          l->x[i] = left;
          l->layer[i] = layer;
        }
    }
  return layer;
}

/* The height of the chart's layers, each as tall as its longest column. */
static double
chart_height (Layout *l,
              guint   n_layers)
{
  g_autofree double *tall = g_new0 (double, n_layers + 1);
  double height = 0;

  for (guint i = 0; i < l->n; i++)
    if (l->lined[i] && l->head[i] == i && l->layer[i] < n_layers)
      tall[l->layer[i]] = MAX (tall[l->layer[i]],
                               l->stack_len[i] * (l->m->node_height + l->m->h_gap) - l->m->h_gap);
  for (guint r = 0; r < n_layers; r++)
    if (tall[r] > 0)
      height += (height > 0 ? l->m->v_gap : 0) + tall[r];
  return height;
}

/* How many people without lines go side by side: the count that brings the
 * whole drawing, chart and grid, closest to a landscape 16:10, never wider
 * than about 2:1 (nor a tower) when another grid gets there. */
static guint
unlined_per_row (Layout *l,
                 guint   n_layers,
                 guint   n_unlined,
                 double  chart_width)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (guint));
  double chart_h = chart_height (l, n_layers);
  double best_score = G_MAXDOUBLE;
  guint best = 1;

  for (guint i = 0; i < l->n; i++)
    if (!l->lined[i])
      {
        l->key[i] = 0;
        g_array_append_val (all, i);
      }
  g_array_sort_with_data (all, compare_in_row, l);

  for (guint k = 1; k <= n_unlined; k++)
    {
      guint rows = (n_unlined + k - 1) / k;
      double w = 0, row_w = 0;
      double h = rows * (l->m->node_height + l->m->v_gap) - l->m->v_gap;
      double aspect, score;

      /* The widest row, department gaps included. */
      for (guint j = 0; j < all->len; j++)
        {
          if (j % k == 0)
            row_w = l->m->node_width;
          else
            row_w += gap_after (l, g_array_index (all, guint, j - 1), g_array_index (all, guint, j));
          w = MAX (w, row_w);
        }

      w = MAX (w, chart_width);
      h += chart_h > 0 ? chart_h + l->m->v_gap : 0;
      aspect = w / h;
      score = fabs (log (aspect / 1.6)) + (aspect > 2.2 ? 1.0 : 0.0) + (aspect < 0.8 ? 0.5 : 0.0);
      if (score < best_score - 1e-9)
        {
          best_score = score;
          best = k;
        }
    }
  return best;
}

static gboolean
overlaps (double                  ax,
          double                  ay,
          double                  bx,
          double                  by,
          const CrmLayoutMetrics *m)
{
  return fabs (ax - bx) < m->node_width + m->h_gap && fabs (ay - by) < m->node_height + m->h_gap;
}

static int
compare_row_x (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CrmLayoutPoint *p = user_data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (p[i].y != p[j].y)
    return p[i].y < p[j].y ? -1 : 1;
  if (p[i].x != p[j].x)
    return p[i].x < p[j].x ? -1 : 1;
  return (i > j) - (i < j);
}

/* Placed nodes back at their place; the others of each row, left to right,
 * shift right past them and past what shifted before them. */
static void
keep_placed (Layout *l,
             GArray *points)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  CrmLayoutPoint *p = (CrmLayoutPoint *) (void *) points->data;

  for (guint i = 0; i < l->n; i++)
    {
      const CrmMapNode *node = crm_stakeholder_map_get_node (l->map, i);

      if (node->placed)
        {
          p[i].x = node->x;
          p[i].y = node->y;
          g_array_append_val (placed, i);
        }
      else
        {
          l->key[i] = p[i].x;
          g_array_append_val (order, i);
        }
    }
  if (placed->len == 0)
    return;

  /* By row, then x: the layout's order. */
  g_array_sort_with_data (order, compare_row_x, p);

  for (guint k = 0; k < order->len; k++)
    {
      guint i = g_array_index (order, guint, k);
      double shift = 0;
      gboolean moved = TRUE;

      if (k > 0)
        {
          guint prev = g_array_index (order, guint, k - 1);

          if (p[prev].y == p[i].y)
            shift = MAX (0, p[prev].x + l->m->node_width + l->m->h_gap - p[i].x);
        }
      p[i].x += shift;
      while (moved)
        {
          moved = FALSE;
          for (guint q = 0; q < placed->len; q++)
            {
              guint j = g_array_index (placed, guint, q);

              if (overlaps (p[i].x, p[i].y, p[j].x, p[j].y, l->m))
                {
                  p[i].x = p[j].x + l->m->node_width + l->m->h_gap;
                  moved = TRUE;
                }
            }
        }
    }
}

static void
layout_clear (Layout *l)
{
  g_clear_pointer (&l->managers, g_array_unref);
  g_clear_pointer (&l->reports, g_array_unref);
  g_clear_pointer (&l->rows, g_ptr_array_unref);
  g_free (l->layer);
  g_free (l->dept);
  g_free (l->head);
  g_free (l->stack_pos);
  g_free (l->stack_len);
  g_free (l->indent);
  g_free (l->extra);
  g_free (l->lined);
  g_free (l->x);
  g_free (l->key);
}

/**
 * crm_stakeholder_layout:
 * @map: the map
 * @metrics: (nullable): sizes, or NULL for the defaults
 * @keep_placed: whether nodes placed by hand stay at their place
 *
 * Returns: (transfer full): one #CrmLayoutPoint per node, in node order
 */
GArray *
crm_stakeholder_layout (CrmStakeholderMap      *map,
                        const CrmLayoutMetrics *metrics,
                        gboolean                keep_placed_nodes)
{
  CrmLayoutMetrics defaults;
  Layout l = { map, metrics, crm_stakeholder_map_get_n_nodes (map) };
  GArray *points;
  guint n_layers = 0, n_unlined = 0, n_all;
  double left = G_MAXDOUBLE, right = -G_MAXDOUBLE;
  g_autofree double *row_top = NULL;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), NULL);

  if (metrics == NULL)
    {
      crm_stakeholder_layout_metrics_init (&defaults);
      l.m = &defaults;
    }
  points = g_array_sized_new (FALSE, TRUE, sizeof (CrmLayoutPoint), l.n);
  g_array_set_size (points, l.n);
  if (l.n == 0)
    return points;

  l.managers = new_arrays (l.n);
  l.reports = new_arrays (l.n);
  l.layer = g_new0 (guint, l.n);
  l.dept = g_new0 (guint, l.n);
  l.head = g_new0 (guint, l.n);
  l.stack_pos = g_new0 (guint, l.n);
  l.stack_len = g_new0 (guint, l.n);
  l.indent = g_new0 (double, l.n);
  l.extra = g_new0 (double, l.n);
  l.lined = g_new0 (gboolean, l.n);
  l.x = g_new0 (double, l.n);
  l.key = g_new0 (double, l.n);
  l.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  rank_departments (&l);
  collect_managers (&l);
  assign_layers (&l);
  find_stacks (&l);

  for (guint i = 0; i < l.n; i++)
    if (l.lined[i])
      n_layers = MAX (n_layers, l.layer[i] + 1);
    else
      n_unlined++;
  if (l.n > SMALL_MAP)
    nest_stacks (&l, n_layers);
  for (guint r = 0; r < n_layers; r++)
    g_ptr_array_add (l.rows, g_array_new (FALSE, FALSE, sizeof (guint)));
  for (guint i = 0; i < l.n; i++)
    if (l.lined[i] && l.stack_pos[i] == 0)
      g_array_append_val ((GArray *) l.rows->pdata[l.layer[i]], i);

  place_chart (&l);
  for (guint i = 0; i < l.n; i++)
    if (l.lined[i])
      {
        left = MIN (left, l.x[i]);
        right = MAX (right, l.x[i]);
      }
  n_all = n_layers;
  if (n_unlined > 0)
    n_all = place_unlined (&l, n_layers, n_layers > 0 ? (left + right) / 2 : 0,
                           unlined_per_row (&l, n_layers, n_unlined,
                                            n_layers > 0 ? right - left + l.m->node_width : 0));

  /* Each layer as tall as its longest column; the top left node box at (0, 0). */
  left = G_MAXDOUBLE;
  for (guint i = 0; i < l.n; i++)
    left = MIN (left, l.x[i]);
  row_top = g_new0 (double, n_all + 1);
  for (guint i = 0; i < l.n; i++)
    if (l.head[i] == i)
      row_top[l.layer[i] + 1] = MAX (row_top[l.layer[i] + 1],
                                     l.stack_len[i] * (l.m->node_height + l.m->h_gap) - l.m->h_gap);
  /* Layers left empty by nested columns take no room. */
  for (guint r = 1; r <= n_all; r++)
    row_top[r] += row_top[r - 1] + (row_top[r] > 0 ? l.m->v_gap : 0);
  for (guint i = 0; i < l.n; i++)
    {
      CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

      p->x = l.x[i] - left + l.m->node_width / 2;
      p->y = row_top[l.layer[l.head[i]]] + l.m->node_height / 2 +
             l.stack_pos[i] * (l.m->node_height + l.m->h_gap);
      p->layer = l.layer[i];
    }

  if (keep_placed_nodes)
    keep_placed (&l, points);

  layout_clear (&l);
  return points;
}

void
crm_stakeholder_layout_bounds (GArray                 *points,
                               const CrmLayoutMetrics *metrics,
                               double                 *x,
                               double                 *y,
                               double                 *width,
                               double                 *height)
{
  CrmLayoutMetrics m;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  if (metrics != NULL)
    m = *metrics;
  else
    crm_stakeholder_layout_metrics_init (&m);

  for (guint i = 0; points != NULL && i < points->len; i++)
    {
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

      x0 = MIN (x0, p->x - m.node_width / 2);
      x1 = MAX (x1, p->x + m.node_width / 2);
      y0 = MIN (y0, p->y - m.node_height / 2);
      y1 = MAX (y1, p->y + m.node_height / 2);
    }
  if (points == NULL || points->len == 0)
    x0 = y0 = x1 = y1 = 0;

  if (x != NULL)
    *x = x0;
  if (y != NULL)
    *y = y0;
  if (width != NULL)
    *width = x1 - x0;
  if (height != NULL)
    *height = y1 - y0;
}

/* The best of @candidates (node indices) from @from: the smallest distance
 * across, then along, then node order. */
static int
nearest (GArray                *points,
         guint                  from,
         GArray                *candidates,
         gboolean               vertical)
{
  const CrmLayoutPoint *f = &g_array_index (points, CrmLayoutPoint, from);
  int best = -1;
  double best_across = G_MAXDOUBLE, best_along = G_MAXDOUBLE;

  for (guint k = 0; k < candidates->len; k++)
    {
      guint i = g_array_index (candidates, guint, k);
      const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);
      double across = vertical ? fabs (p->x - f->x) : fabs (p->y - f->y);
      double along = vertical ? fabs (p->y - f->y) : fabs (p->x - f->x);

      if (across < best_across || (across == best_across && along < best_along))
        {
          best = (int) i;
          best_across = across;
          best_along = along;
        }
    }
  return best;
}

/* Nodes in the nearest row in @sign's direction (about a node high). */
static void
row_beyond (GArray  *points,
            guint    from,
            int      sign,
            GArray  *out)
{
  CrmLayoutMetrics m;
  const CrmLayoutPoint *f = &g_array_index (points, CrmLayoutPoint, from);
  double closest = G_MAXDOUBLE;

  crm_stakeholder_layout_metrics_init (&m);
  for (guint i = 0; i < points->len; i++)
    {
      double d = sign * (g_array_index (points, CrmLayoutPoint, i).y - f->y);

      if (i != from && d > m.node_height / 2)
        closest = MIN (closest, d);
    }
  for (guint i = 0; i < points->len; i++)
    {
      double d = sign * (g_array_index (points, CrmLayoutPoint, i).y - f->y);

      if (i != from && d > m.node_height / 2 && d <= closest + m.node_height / 2)
        g_array_append_val (out, i);
    }
}

int
crm_stakeholder_layout_neighbour (CrmStakeholderMap  *map,
                                  GArray             *points,
                                  guint               index,
                                  CrmLayoutDirection  direction)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  const CrmLayoutPoint *f;
  const CrmMapNode *node;
  guint n_edges;
  CrmLayoutMetrics m;
  int found;

  g_return_val_if_fail (CRM_IS_STAKEHOLDER_MAP (map), -1);
  g_return_val_if_fail (points != NULL, -1);
  g_return_val_if_fail (points->len == crm_stakeholder_map_get_n_nodes (map), -1);
  g_return_val_if_fail (index < points->len, -1);

  f = &g_array_index (points, CrmLayoutPoint, index);
  node = crm_stakeholder_map_get_node (map, index);

  if (direction == CRM_LAYOUT_LEFT || direction == CRM_LAYOUT_RIGHT)
    {
      int sign = direction == CRM_LAYOUT_RIGHT ? 1 : -1;

      crm_stakeholder_layout_metrics_init (&m);
      for (guint i = 0; i < points->len; i++)
        {
          const CrmLayoutPoint *p = &g_array_index (points, CrmLayoutPoint, i);

          if (i != index && sign * (p->x - f->x) > 0 && fabs (p->y - f->y) <= m.node_height / 2)
            g_array_append_val (candidates, i);
        }
      return nearest (points, index, candidates, FALSE);
    }

  /* Up: managers, down: reports; edges whose other end is on the map. */
  n_edges = crm_stakeholder_map_get_n_edges (map);
  for (guint e = 0; e < n_edges; e++)
    {
      const CrmMapEdge *edge = crm_stakeholder_map_get_edge (map, e);
      gint64 other;
      int i;

      if (edge->kind != CRM_MAP_EDGE_REPORTS_TO)
        continue;
      if (direction == CRM_LAYOUT_UP && edge->from == node->person_id)
        other = edge->to;
      else if (direction == CRM_LAYOUT_DOWN && edge->to == node->person_id)
        other = edge->from;
      else
        continue;
      i = crm_stakeholder_map_find_node (map, other);
      if (i >= 0 && (guint) i != index)
        g_array_append_val (candidates, i);
    }
  found = nearest (points, index, candidates, TRUE);
  if (found >= 0)
    return found;

  row_beyond (points, index, direction == CRM_LAYOUT_DOWN ? 1 : -1, candidates);
  return nearest (points, index, candidates, TRUE);
}
