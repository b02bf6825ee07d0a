// posix_spawn with piped output, shared by the host-program runners.
#include "core/process_spawn.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "core/posix_descriptors.hpp"
#include "core/process.hpp"

extern char** environ;

namespace fwm {
namespace {

std::vector<std::string> environment_with(const std::vector<std::pair<std::string, std::string>>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    bool replaced = std::any_of(extra.begin(), extra.end(), [&](const auto& kv) { return kv.first == name; });
    if (!replaced) env.push_back(entry);
  }
  for (const auto& [name, value] : extra) env.push_back(name + "=" + value);
  return env;
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (auto& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

}  // namespace

Pipe::Pipe() {
  int fds[2];
  if (!open_pipe_cloexec(fds)) throw ProcessError(ProcessFailure::Other, "pipe failed");
  read = fds[0];
  write = fds[1];
}

Pipe::~Pipe() {
  if (read >= 0) ::close(read);
  if (write >= 0) ::close(write);
}

void Pipe::close_write() {
  ::close(write);
  write = -1;
}

void spawn_piped(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& extra_env,
                 bool own_group, PipedChild& child) {
  std::string path = find_in_path(argv.at(0));
  if (path.empty()) throw ProcessError(ProcessFailure::NotFound, argv[0] + " is not installed or not in PATH");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, child.out.write, 1);
  posix_spawn_file_actions_adddup2(&actions, child.err.write, 2);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  if (own_group) {
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
  }
  std::vector<std::string> args = argv;
  std::vector<std::string> env = environment_with(extra_env);
  auto c_args = c_strings(args);
  auto c_env = c_strings(env);
  int rc = ::posix_spawn(&child.pid, path.c_str(), &actions, &attributes, c_args.data(), c_env.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (rc != 0) throw ProcessError(ProcessFailure::Other, "cannot start " + path + ": " + std::strerror(rc));
  child.out.close_write();
  child.err.close_write();
  ::fcntl(child.out.read, F_SETFL, O_NONBLOCK);
  ::fcntl(child.err.read, F_SETFL, O_NONBLOCK);
}

int decode_status(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

}  // namespace fwm
