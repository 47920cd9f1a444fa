using System.Text;

namespace Switchyard.Status;

/// <summary>kubectl-style plain table: upper-case headers, columns padded with three spaces.</summary>
public static class TablePrinter
{
    public static string Format(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(h => h.Length).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count && i < widths.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        var sb = new StringBuilder();
        AppendRow(sb, headers, widths);
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths);
        }

        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            var last = i == cells.Count - 1;
            sb.Append(last ? cells[i] : cells[i].PadRight(widths[i] + 3));
        }

        sb.Append('\n');
    }
}
