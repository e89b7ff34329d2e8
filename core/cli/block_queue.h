// A FIFO of blocks whose memory is reused, for a producer that must never wait on growth.
#pragma once

#include <algorithm>
#include <cstddef>
#include <utility>
#include <vector>

namespace plab::cli {

/// Items in fixed-capacity blocks: push never moves what is queued (a std::vector would copy it
/// all each time it doubles, and touch fresh pages for the copy), and the blocks a consumer
/// gives back are reused, so a queue that is emptied as fast as it fills touches no new memory.
/// It is the event sink's queue: a task's event costs the experiment one move into a block.
/// Not thread-safe: the owner guards it (EventSink holds its mutex for push and take only).
template <class T, std::size_t BlockItems = 1024>
class BlockQueue {
  public:
    using Blocks = std::vector<std::vector<T>>;

    /// Appends t. Allocates a block only when the last is full and none is spare.
    void push(T&& t) {
        if (blocks_.empty() || blocks_.back().size() == BlockItems) blocks_.push_back(spare());
        blocks_.back().push_back(std::move(t));
        ++size_;
    }

    /// Makes `blocks` spare blocks ready and touched (at most kSpareBlocks), so that the first
    /// burst of pushes finds its memory already mapped: a page's first touch costs a fault,
    /// several microseconds on a virtual machine, paid here before anything is timed.
    void prepare(std::size_t blocks) {
        while (spare_.size() < std::min(blocks, kSpareBlocks)) {
            std::vector<T> b;
            b.reserve(BlockItems);
            b.resize(BlockItems);
            b.clear();
            spare_.push_back(std::move(b));
        }
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    /// Moves every queued item out, in order, as blocks (out must be empty: it is swapped).
    void take_all(Blocks& out) {
        out.swap(blocks_);
        size_ = 0;
    }

    /// Moves the leading items for which keep(item) holds into out (one block), in order.
    template <class Pred>
    void take_head_while(Pred keep, Blocks& out) {
        std::size_t n = 0;
        while (!blocks_.empty() && n < blocks_.front().size() && keep(blocks_.front()[n]))
            ++n;
        if (n == 0) return;
        std::vector<T>& head = blocks_.front();
        out.push_back(spare());
        for (std::size_t i = 0; i < n; ++i)
            out.back().push_back(std::move(head[i]));
        head.erase(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(n));
        size_ -= n;
        if (head.empty() && blocks_.size() > 1) blocks_.erase(blocks_.begin());
    }

    /// Takes back blocks that take_all or take_head_while handed out (emptied here), to reuse
    /// at most kSpareBlocks of them; the rest are freed. used is left empty.
    void give_back(Blocks& used) {
        for (std::vector<T>& b : used) {
            if (spare_.size() >= kSpareBlocks) break;
            b.clear();
            spare_.push_back(std::move(b));
        }
        used.clear();
    }

    /// Blocks kept for reuse: enough for a burst of about 64 x BlockItems items between two
    /// takes; more is returned to the allocator.
    static constexpr std::size_t kSpareBlocks = 64;

  private:
    std::vector<T> spare() {
        if (spare_.empty()) {
            std::vector<T> b;
            b.reserve(BlockItems);
            return b;
        }
        std::vector<T> b = std::move(spare_.back());
        spare_.pop_back();
        return b;
    }

    Blocks blocks_;
    Blocks spare_;
    std::size_t size_ = 0;
};

}  // namespace plab::cli
