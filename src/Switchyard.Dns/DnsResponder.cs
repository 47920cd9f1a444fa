using Switchyard.Dns.Protocol;
using Switchyard.Dns.View;
using Switchyard.Ir.Dns;

namespace Switchyard.Dns;

/// <summary>Settings of the responder that do not come from the snapshot.</summary>
/// <param name="MaxUdpPayload">Largest UDP response we send and the size our OPT record advertises (RFC 6891 §6.2.5).</param>
/// <param name="RecursionAvailable">An upstream resolver is configured: names outside our zones are forwarded (RA set).</param>
public readonly record struct DnsResponderOptions(ushort MaxUdpPayload = 1232, bool RecursionAvailable = false);

/// <summary>
/// Answers one query message from a <see cref="DnsView"/> into a caller's buffer, without allocating: parse, find the
/// zone and the name, copy pre-encoded RRsets with compression pointers, truncate or add the OPT record, write the header.
/// </summary>
public static class DnsResponder
{
    private const int MaxChase = 8;

    /// <summary>
    /// Builds the response to <paramref name="query"/> in <paramref name="response"/> (at least 512 bytes) and returns
    /// its length, or 0 when nothing is to be sent (dropped, or <see cref="DnsDisposition.Forward"/>). A null view means no
    /// snapshot has been published yet: SERVFAIL, never NXDOMAIN.
    /// </summary>
    public static int Respond(DnsView? view, ReadOnlySpan<byte> query, Span<byte> response, bool tcp, DnsResponderOptions options, out DnsQueryResult result)
    {
        result = default;
        Span<byte> name = stackalloc byte[DnsConstants.MaxNameLength];
        var status = DnsQueryReader.TryParse(query, name, out var q);
        result.QueryType = q.Type;
        result.Edns = q.Edns.Present;
        if (status == DnsQueryStatus.Drop || response.Length < DnsConstants.ClassicUdpSize)
        {
            result.Disposition = DnsDisposition.Dropped;
            return 0;
        }

        if (status is DnsQueryStatus.FormErr or DnsQueryStatus.NotImp)
        {
            result.Rcode = status == DnsQueryStatus.FormErr ? DnsRcode.FormErr : DnsRcode.NotImp;
            var header = new DnsHeader
            {
                Id = q.Header.Id,
                Flags = DnsHeader.ResponseFlags(q.Header.Flags, false, options.RecursionAvailable, result.Rcode),
            };
            DnsWire.TryWriteHeader(response, header);
            return DnsConstants.HeaderLength;
        }

        var limit = tcp
            ? DnsConstants.MaxTcpMessage
            : q.Edns.Present ? Math.Clamp((int)q.Edns.UdpPayloadSize, DnsConstants.ClassicUdpSize, Math.Max((int)options.MaxUdpPayload, DnsConstants.ClassicUdpSize)) : DnsConstants.ClassicUdpSize;
        limit = Math.Min(limit, response.Length);
        result.ResponseLimit = limit;
        var qname = name[..q.NameLength];
        var w = new MessageWriter(response, limit - (q.Edns.Present ? DnsConstants.OptRecordLength : 0));
        DnsWire.TryWriteQuestion(response[DnsConstants.HeaderLength..], qname, q.Type, q.Class, out var questionLength);
        w.Position += questionLength;
        var counts = default(Counts);
        counts.Questions = 1;

        if (status == DnsQueryStatus.BadVers)
        {
            return Finish(ref w, in q, options, DnsRcode.BadVers, false, counts, ref result);
        }

        if (view is null)
        {
            return Finish(ref w, in q, options, DnsRcode.ServFail, false, counts, ref result);
        }

        if (q.Class is not (DnsConstants.ClassIn or DnsConstants.ClassAny) || q.Type is DnsConstants.TypeAxfr or DnsConstants.TypeIxfr)
        {
            return Finish(ref w, in q, options, DnsRcode.Refused, false, counts, ref result);
        }

        Span<int> labels = stackalloc int[128];
        var labelCount = LabelOffsets(qname, labels);
        var zoneIndex = view.FindZone(qname, labelCount, labels);
        if (zoneIndex < 0)
        {
            if (options.RecursionAvailable)
            {
                result.Disposition = DnsDisposition.Forward;
                return 0;
            }

            return Finish(ref w, in q, options, DnsRcode.Refused, false, counts, ref result);
        }

        var zone = view.Zone(zoneIndex);
        var apexOffset = DnsConstants.HeaderLength + q.NameLength - zone.ApexWire.Length;
        Span<char> key = stackalloc char[DnsConstants.MaxNameLength + 1];
        var node = DnsWire.TryFormatLookupKey(qname, key, out var keyLength) ? view.Lookup(key[..keyLength]) : null;
        if (node is null)
        {
            if (zone.Fallthrough && options.RecursionAvailable)
            {
                result.Disposition = DnsDisposition.Forward;
                return 0;
            }

            // RFC 2308 §2.1: NXDOMAIN with the zone's SOA in the authority section.
            if (!w.TryWriteRecordSet(zone.NegativeSoa, apexOffset, default, -1, out _))
            {
                return Truncate(ref w, in q, options, DnsConstants.HeaderLength + 4 + q.NameLength, ref result);
            }

            counts.Authority = 1;
            return Finish(ref w, in q, options, DnsRcode.NXDomain, true, counts, ref result);
        }

        return AnswerNode(view, node, ref w, in q, options, apexOffset, counts, ref result);
    }

    private static int AnswerNode(DnsView view, DnsNode node, ref MessageWriter w, in DnsQuery q, DnsResponderOptions options, int apexOffset, Counts counts, ref DnsQueryResult result)
    {
        var afterQuestion = w.Position;
        var owner = DnsConstants.HeaderLength;
        var current = node;
        var rcode = DnsRcode.NoError;
        for (var depth = 0; ; depth++)
        {
            // RFC 1034 §3.6.2 / §4.3.2: an alias answers every type but CNAME with the CNAME, then the chase.
            if (current.Cname is { } cname && q.Type != (ushort)DnsRecordType.CNAME && q.Type != DnsConstants.TypeAny)
            {
                var setStart = w.Position;
                if (!w.TryWriteRecordSet(cname, owner, default, apexOffset, out _))
                {
                    return Truncate(ref w, in q, options, afterQuestion, ref result);
                }

                counts.Answers++;
                var targetAt = setStart + 2 + cname.TargetOffsets[0];
                var next = cname.Targets[0];
                if (next is null || depth == MaxChase || targetAt > DnsConstants.MaxPointerOffset)
                {
                    if (next is null && cname.TargetInServedZone)
                    {
                        // RFC 6604 §2.1: the RCODE describes the last name of the chain, which does not exist.
                        rcode = DnsRcode.NXDomain;
                        var targetZone = FindZone(view, cname.TargetNames[0]!);
                        if (targetZone >= 0 && !WriteSoa(ref w, view.Zone(targetZone), targetZone == current.Zone ? apexOffset : -1, ref counts))
                        {
                            return Truncate(ref w, in q, options, afterQuestion, ref result);
                        }
                    }
                    else if (next is null && options.RecursionAvailable)
                    {
                        // An ExternalName: the server asks the upstream for the target and appends its answer.
                        result.ChaseOffset = targetAt;
                    }

                    break;
                }

                if (next.Zone != current.Zone)
                {
                    apexOffset = targetAt + next.WireName.Length - view.Zone(next.Zone).ApexWire.Length;
                }

                owner = targetAt;
                current = next;
                continue;
            }

            var found = false;
            if (q.Type == DnsConstants.TypeAny)
            {
                foreach (var set in current.Sets)
                {
                    if (!w.TryWriteRecordSet(set, owner, default, apexOffset, out _))
                    {
                        return Truncate(ref w, in q, options, afterQuestion, ref result);
                    }

                    counts.Answers += set.Count;
                    found = true;
                }
            }
            else if (current.Find(q.Type) is { } set)
            {
                var setStart = w.Position;
                if (!w.TryWriteRecordSet(set, owner, default, apexOffset, out _))
                {
                    return Truncate(ref w, in q, options, afterQuestion, ref result);
                }

                counts.Answers += set.Count;
                found = true;
                if (set.Type is (ushort)DnsRecordType.SRV or (ushort)DnsRecordType.NS)
                {
                    WriteAdditional(ref w, set, setStart, ref counts);
                }
            }

            if (!found)
            {
                // NODATA (RFC 2308 §2.2): NOERROR, no answer for the type, the SOA in the authority section.
                if (!WriteSoa(ref w, view.Zone(current.Zone), apexOffset, ref counts))
                {
                    return Truncate(ref w, in q, options, afterQuestion, ref result);
                }
            }

            break;
        }

        return Finish(ref w, in q, options, rcode, true, counts, ref result);
    }

    /// <summary>Additional data for SRV and NS targets inside the view (RFC 2782, RFC 1035 §3.3.11); never causes TC.</summary>
    private static void WriteAdditional(ref MessageWriter w, EncodedRecordSet set, int setStart, ref Counts counts)
    {
        for (var i = 0; i < set.Count; i++)
        {
            var target = set.Targets[i];
            if (target is null)
            {
                continue;
            }

            var targetAt = setStart + (2 * (i + 1)) + set.TargetOffsets[i];
            var a = target.Find((ushort)DnsRecordType.A);
            if (a is not null)
            {
                if (!w.TryWriteRecordSet(a, targetAt, target.WireName, -1, out _))
                {
                    return;
                }

                counts.Additional += a.Count;
            }

            var aaaa = target.Find((ushort)DnsRecordType.AAAA);
            if (aaaa is not null)
            {
                if (!w.TryWriteRecordSet(aaaa, targetAt, target.WireName, -1, out _))
                {
                    return;
                }

                counts.Additional += aaaa.Count;
            }
        }
    }

    private static bool WriteSoa(ref MessageWriter w, DnsZoneInfo zone, int apexOffset, ref Counts counts)
    {
        if (!w.TryWriteRecordSet(zone.NegativeSoa, apexOffset, zone.ApexWire, -1, out _))
        {
            return false;
        }

        counts.Authority = 1;
        return true;
    }

    /// <summary>
    /// The answer does not fit: keep the header and question, set TC (RFC 1035 §4.1.1, RFC 2181 §9) so the client
    /// retries over TCP (RFC 7766 §5).
    /// </summary>
    private static int Truncate(ref MessageWriter w, in DnsQuery q, DnsResponderOptions options, int afterQuestion, ref DnsQueryResult result)
    {
        w.Position = afterQuestion;
        result.Truncated = true;
        var counts = new Counts { Questions = 1 };
        return Finish(ref w, in q, options, DnsRcode.NoError, true, counts, ref result);
    }

    private static int Finish(ref MessageWriter w, in DnsQuery q, DnsResponderOptions options, DnsRcode rcode, bool authoritative, Counts counts, ref DnsQueryResult result)
    {
        result.Disposition = DnsDisposition.Answered;
        result.Rcode = rcode;
        var buffer = w.Buffer;
        var length = w.Position;
        if (q.Edns.Present)
        {
            // RFC 6891 §7: a response to an EDNS query carries OPT; the upper eight RCODE bits go in it.
            DnsWire.TryWriteOpt(buffer[length..], options.MaxUdpPayload, (byte)((int)rcode >> 4), q.Edns.DnssecOk, out var optLength);
            length += optLength;
            counts.Additional++;
        }

        var flags = DnsHeader.ResponseFlags(q.Header.Flags, authoritative, options.RecursionAvailable, (DnsRcode)((int)rcode & 0xF));
        if (result.Truncated)
        {
            flags |= DnsHeader.FlagTruncated;
        }

        var header = new DnsHeader
        {
            Id = q.Header.Id,
            Flags = flags,
            QuestionCount = (ushort)counts.Questions,
            AnswerCount = (ushort)counts.Answers,
            AuthorityCount = (ushort)counts.Authority,
            AdditionalCount = (ushort)counts.Additional,
        };
        DnsWire.TryWriteHeader(buffer, header);
        return length;
    }

    /// <summary>Offsets of each label of an uncompressed wire name, plus that of the root byte; returns the label count.</summary>
    private static int LabelOffsets(ReadOnlySpan<byte> name, Span<int> offsets)
    {
        var count = 0;
        var position = 0;
        while (position < name.Length && name[position] != 0 && count < offsets.Length - 1)
        {
            offsets[count++] = position;
            position += 1 + name[position];
        }

        offsets[count] = position;
        return count;
    }

    private static int FindZone(DnsView view, string name)
    {
        for (var i = 0; i < view.ZoneList.Count; i++)
        {
            if (DnsNames.IsAtOrBelow(name, view.ZoneList[i].Apex))
            {
                return i;
            }
        }

        return -1;
    }

    private struct Counts
    {
        public int Questions;
        public int Answers;
        public int Authority;
        public int Additional;
    }
}
